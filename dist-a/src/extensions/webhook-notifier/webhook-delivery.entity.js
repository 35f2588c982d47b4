"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookDeliveryEntity = void 0;
const typeorm_1 = require("typeorm");
/** One notification and what happened to it; the body sent is kept so a restart can resume it. */
let WebhookDeliveryEntity = class WebhookDeliveryEntity {
    id;
    /** An Opstage event name, or `webhook.test`. */
    event;
    status;
    attempts;
    /** HTTP status of the last attempt; null when it never got a response. */
    responseStatus;
    lastError;
    /** The notification's `text`, for the list. */
    summary;
    /** The exact (redacted) JSON body that is signed and sent. */
    body;
    createdAt;
    updatedAt;
    deliveredAt;
};
exports.WebhookDeliveryEntity = WebhookDeliveryEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "event", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'PENDING' }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], WebhookDeliveryEntity.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], WebhookDeliveryEntity.prototype, "responseStatus", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], WebhookDeliveryEntity.prototype, "lastError", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "summary", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "body", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 24 }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 24 }),
    __metadata("design:type", String)
], WebhookDeliveryEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 24, nullable: true }),
    __metadata("design:type", Object)
], WebhookDeliveryEntity.prototype, "deliveredAt", void 0);
exports.WebhookDeliveryEntity = WebhookDeliveryEntity = __decorate([
    (0, typeorm_1.Entity)('ext_webhook_notifier_deliveries'),
    (0, typeorm_1.Index)('idx_ext_webhook_notifier_deliveries_created', ['createdAt']),
    (0, typeorm_1.Index)('idx_ext_webhook_notifier_deliveries_status', ['status', 'createdAt'])
], WebhookDeliveryEntity);
//# sourceMappingURL=webhook-delivery.entity.js.map