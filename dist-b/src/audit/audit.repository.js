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
exports.AuditRepository = void 0;
const common_1 = require("@nestjs/common");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const audit_event_entity_1 = require("./audit-event.entity");
let AuditRepository = class AuditRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(audit_event_entity_1.AuditEventEntity, row);
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(audit_event_entity_1.AuditEventEntity, { where: { id, workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
    }
    /** Newest first; ULID ids break ties inside one millisecond so pages are stable. */
    list(filter, offset, limit, em = this.tx.manager) {
        return (0, list_query_1.findPage)(this.filtered(filter, em).orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC'), offset, limit);
    }
    /**
     * One keyset page for the export: constant cost per page however deep the export goes,
     * unlike OFFSET, and rows inserted meanwhile never shift the pages.
     */
    page(filter, after, limit, em = this.tx.manager) {
        const qb = this.filtered(filter, em);
        if (after) {
            qb.andWhere('a.createdAt <= :cAt', { cAt: after.createdAt }).andWhere('(a.createdAt < :cAt OR a.id < :cId)', { cAt: after.createdAt, cId: after.id });
        }
        return qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
    }
    filtered(filter, em) {
        const qb = em.createQueryBuilder(audit_event_entity_1.AuditEventEntity, 'a').where('a.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID });
        if (filter.actorType)
            qb.andWhere('a.actorType = :actorType', { actorType: filter.actorType });
        if (filter.result)
            qb.andWhere('a.result = :result', { result: filter.result });
        if (filter.action)
            qb.andWhere('a.action = :action', { action: filter.action });
        if (filter.targetType)
            qb.andWhere('a.targetType = :targetType', { targetType: filter.targetType });
        if (filter.targetId)
            qb.andWhere('a.targetId = :targetId', { targetId: filter.targetId });
        if (filter.from)
            qb.andWhere('a.createdAt >= :from', { from: filter.from });
        if (filter.to)
            qb.andWhere('a.createdAt <= :to', { to: filter.to });
        return qb;
    }
};
exports.AuditRepository = AuditRepository;
exports.AuditRepository = AuditRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], AuditRepository);
//# sourceMappingURL=audit.repository.js.map