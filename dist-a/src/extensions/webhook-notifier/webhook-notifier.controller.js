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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookNotifierController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const index_1 = require("../index");
const list_deliveries_query_dto_1 = require("./dto/list-deliveries-query.dto");
const webhook_notifier_service_1 = require("./webhook-notifier.service");
/** Served under /api/ext/webhook-notifier (the registry mounts the module there). */
let WebhookNotifierController = class WebhookNotifierController {
    notifier;
    constructor(notifier) {
        this.notifier = notifier;
    }
    list(ctx, query) {
        return this.notifier.list(ctx, query);
    }
    status(ctx) {
        return this.notifier.status(ctx);
    }
    test(ctx) {
        return this.notifier.sendTest(ctx);
    }
};
exports.WebhookNotifierController = WebhookNotifierController;
__decorate([
    (0, common_1.Get)('deliveries'),
    (0, index_1.Roles)('operator'),
    __param(0, (0, index_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [index_1.RequestContext, list_deliveries_query_dto_1.ListDeliveriesQueryDto]),
    __metadata("design:returntype", Promise)
], WebhookNotifierController.prototype, "list", null);
__decorate([
    (0, common_1.Get)('status'),
    (0, index_1.Roles)('operator'),
    __param(0, (0, index_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [index_1.RequestContext]),
    __metadata("design:returntype", Object)
], WebhookNotifierController.prototype, "status", null);
__decorate([
    (0, common_1.Post)('test'),
    (0, common_1.HttpCode)(200),
    (0, index_1.Roles)('operator'),
    __param(0, (0, index_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [index_1.RequestContext]),
    __metadata("design:returntype", Promise)
], WebhookNotifierController.prototype, "test", null);
exports.WebhookNotifierController = WebhookNotifierController = __decorate([
    (0, swagger_1.ApiTags)('ext: webhook-notifier'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [webhook_notifier_service_1.WebhookNotifierService])
], WebhookNotifierController);
//# sourceMappingURL=webhook-notifier.controller.js.map