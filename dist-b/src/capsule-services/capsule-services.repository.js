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
exports.CapsuleServicesRepository = void 0;
exports.serviceEffectiveStatusSql = serviceEffectiveStatusSql;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const capsule_service_entity_1 = require("./capsule-service.entity");
/**
 * SQL twin of `serviceEffectiveStatus` (service-status.ts); `s` is the service, `ag` its agent
 * (LEFT JOIN). `:hbCutoff` = now − agent threshold, `:rpCutoff` = now − service-stale threshold.
 */
function serviceEffectiveStatusSql(withReportRule) {
    const reportRule = withReportRule
        ? `WHEN (s."lastReportedAt" IS NULL OR s."lastReportedAt" < :rpCutoff) AND (s."lastHealthAt" IS NULL OR s."lastHealthAt" < :rpCutoff) THEN 'STALE' `
        : '';
    return (`(CASE WHEN ag."id" IS NULL THEN 'OFFLINE' ` +
        `WHEN ag."status" IN ('DISABLED','REVOKED') THEN 'OFFLINE' ` +
        `WHEN ag."lastHeartbeatAt" IS NULL THEN 'STALE' ` +
        `WHEN ag."lastHeartbeatAt" < :hbCutoff THEN 'OFFLINE' ` +
        reportRule +
        // A stored OFFLINE only records an earlier sweep; the agent is live again, so health is unknown.
        `WHEN s."status" = 'OFFLINE' THEN 'UNKNOWN' ` +
        `ELSE s."status" END)`);
}
function likePattern(q) {
    return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
let CapsuleServicesRepository = class CapsuleServicesRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(capsule_service_entity_1.CapsuleServiceEntity, { where: { id } });
    }
    findByCode(code, em = this.tx.manager) {
        return em.findOne(capsule_service_entity_1.CapsuleServiceEntity, { where: { workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, code } });
    }
    async findWithAgent(id, em = this.tx.manager) {
        const service = await em.createQueryBuilder(capsule_service_entity_1.CapsuleServiceEntity, 's').leftJoinAndSelect('s.agent', 'ag').where('s.id = :id', { id }).getOne();
        if (!service)
            return null;
        const agent = service.agent ?? null;
        delete service.agent;
        return { service, agent };
    }
    findByAgent(agentId, em = this.tx.manager) {
        return em.find(capsule_service_entity_1.CapsuleServiceEntity, { where: { agentId }, order: { createdAt: 'DESC', id: 'DESC' } });
    }
    async insert(service, em = this.tx.manager) {
        await em.insert(capsule_service_entity_1.CapsuleServiceEntity, service);
    }
    async update(id, patch, em = this.tx.manager) {
        await em.update(capsule_service_entity_1.CapsuleServiceEntity, { id }, patch);
    }
    /** Effective status computed in SQL for both the filter and the count (decision 15). */
    async list(filter, em = this.tx.manager) {
        const qb = this.filtered(em, filter);
        const total = await qb.clone().getCount();
        const services = await qb.clone().orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC').offset(filter.offset).limit(filter.limit).getMany();
        const rows = services.map((service) => {
            const agent = service.agent ?? null;
            delete service.agent;
            return { service, agent };
        });
        return { rows, total };
    }
    /** Counts per effective status, same SQL rule as the list filter (dashboard, metrics). */
    async countByEffectiveStatus(heartbeatCutoffIso, reportCutoffIso, em = this.tx.manager) {
        const qb = em
            .createQueryBuilder(capsule_service_entity_1.CapsuleServiceEntity, 's')
            .leftJoin('s.agent', 'ag')
            .select(serviceEffectiveStatusSql(reportCutoffIso !== null), 'status')
            .addSelect('COUNT(*)', 'count')
            .where('s.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .setParameter('hbCutoff', heartbeatCutoffIso)
            .groupBy('status');
        if (reportCutoffIso !== null)
            qb.setParameter('rpCutoff', reportCutoffIso);
        const rows = await qb.getRawMany();
        const out = {};
        for (const r of rows)
            out[r.status] = Number(r.count);
        return out;
    }
    filtered(em, filter) {
        const qb = em
            .createQueryBuilder(capsule_service_entity_1.CapsuleServiceEntity, 's')
            .leftJoinAndSelect('s.agent', 'ag')
            .where('s.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .setParameter('hbCutoff', filter.heartbeatCutoffIso);
        if (filter.reportCutoffIso !== null)
            qb.setParameter('rpCutoff', filter.reportCutoffIso);
        if (filter.status)
            qb.andWhere(`${serviceEffectiveStatusSql(filter.reportCutoffIso !== null)} = :effStatus`, { effStatus: filter.status });
        if (filter.healthStatus)
            qb.andWhere('s.healthStatus = :healthStatus', { healthStatus: filter.healthStatus });
        if (filter.agentId)
            qb.andWhere('s.agentId = :agentId', { agentId: filter.agentId });
        if (filter.q)
            qb.andWhere(`(s.code LIKE :q ESCAPE '\\' OR s.name LIKE :q ESCAPE '\\')`, { q: likePattern(filter.q) });
        return qb;
    }
};
exports.CapsuleServicesRepository = CapsuleServicesRepository;
exports.CapsuleServicesRepository = CapsuleServicesRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], CapsuleServicesRepository);
//# sourceMappingURL=capsule-services.repository.js.map