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
exports.WebhookDeliveriesRepository = void 0;
const common_1 = require("@nestjs/common");
const index_1 = require("../index");
const webhook_delivery_entity_1 = require("./webhook-delivery.entity");
/** Every query on the delivery log. */
let WebhookDeliveriesRepository = class WebhookDeliveriesRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async insert(row, em = this.tx.manager) {
        await em.getRepository(webhook_delivery_entity_1.WebhookDeliveryEntity).insert(row);
    }
    async update(id, patch) {
        await this.tx.manager.getRepository(webhook_delivery_entity_1.WebhookDeliveryEntity).update({ id }, patch);
    }
    findById(id) {
        return this.tx.manager.getRepository(webhook_delivery_entity_1.WebhookDeliveryEntity).findOneBy({ id });
    }
    async list(filter) {
        const [rows, total] = await this.tx.manager.getRepository(webhook_delivery_entity_1.WebhookDeliveryEntity).findAndCount({
            where: filter.status ? { status: filter.status } : {},
            order: { createdAt: 'DESC', id: 'DESC' },
            skip: filter.offset,
            take: filter.limit,
        });
        return { rows, total };
    }
    /** Oldest first: deliveries a previous process left unfinished. */
    pending(limit) {
        return this.tx.manager.getRepository(webhook_delivery_entity_1.WebhookDeliveryEntity).find({ where: { status: 'PENDING' }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
    }
};
exports.WebhookDeliveriesRepository = WebhookDeliveriesRepository;
exports.WebhookDeliveriesRepository = WebhookDeliveriesRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [index_1.TransactionRunner])
], WebhookDeliveriesRepository);
//# sourceMappingURL=webhook-deliveries.repository.js.map