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
exports.AgentsRepository = void 0;
exports.agentEffectiveStatusSql = agentEffectiveStatusSql;
exports.likePattern = likePattern;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const agent_entity_1 = require("./agent.entity");
/**
 * SQL twin of `agentEffectiveStatus` (effective-status.ts). `:hbCutoff` = now − threshold; a
 * heartbeat `<` the cutoff is strictly older than the threshold, as in the pure rule.
 */
function agentEffectiveStatusSql(alias) {
    const a = (c) => `${alias}."${c}"`;
    return `(CASE WHEN ${a('status')} IN ('DISABLED','REVOKED') THEN ${a('status')} WHEN ${a('lastHeartbeatAt')} IS NULL THEN 'PENDING' WHEN ${a('lastHeartbeatAt')} < :hbCutoff THEN 'OFFLINE' ELSE 'ONLINE' END)`;
}
/** `%`, `_` and `\` in a search term are literals, not wildcards (REF bug fixed). */
function likePattern(q) {
    return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
let AgentsRepository = class AgentsRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(agent_entity_1.AgentEntity, { where: { id } });
    }
    findByCode(code, em = this.tx.manager) {
        return em.findOne(agent_entity_1.AgentEntity, { where: { workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, code } });
    }
    async insert(agent, em = this.tx.manager) {
        await em.insert(agent_entity_1.AgentEntity, agent);
    }
    async update(id, patch, em = this.tx.manager) {
        const res = await em.update(agent_entity_1.AgentEntity, { id }, patch);
        return res.affected ?? 0;
    }
    /** The only write of a quiet heartbeat (decision 28): one indexed UPDATE by primary key. */
    async touchHeartbeat(id, nowIso, em = this.tx.manager) {
        // Hot path (once a second per busy agent): a fixed SQL text reuses the driver's cached statement.
        await em.query('UPDATE "agents" SET "lastHeartbeatAt" = ? WHERE "id" = ?', [nowIso, id]);
    }
    /** PENDING/OFFLINE → ONLINE, once: the affected-row count tells whether this call made the transition. */
    async markOnline(id, nowIso, em = this.tx.manager) {
        const res = await em
            .createQueryBuilder()
            .update(agent_entity_1.AgentEntity)
            .set({ status: 'ONLINE', lastHeartbeatAt: nowIso, updatedAt: nowIso })
            .where('id = :id AND status IN (:...from)', { id, from: ['PENDING', 'OFFLINE'] })
            .execute();
        return (res.affected ?? 0) === 1;
    }
    /** Conditional status change (e.g. disable only when not REVOKED); returns the affected count. */
    async transition(id, from, patch, em = this.tx.manager) {
        const res = await em.createQueryBuilder().update(agent_entity_1.AgentEntity).set(patch).where('id = :id AND status IN (:...from)', { id, from }).execute();
        return res.affected ?? 0;
    }
    async delete(id, em = this.tx.manager) {
        const res = await em.delete(agent_entity_1.AgentEntity, { id });
        return res.affected ?? 0;
    }
    /** One query for the page (service counts via a grouped subquery, no N+1) and one for the total. */
    async list(filter, em = this.tx.manager) {
        const base = this.filtered(em, filter);
        const total = await base.clone().getCount();
        const raw = await base
            .clone()
            .leftJoin('(SELECT "agentId", COUNT(*) AS "cnt" FROM "capsule_services" GROUP BY "agentId")', 'sc', 'sc."agentId" = a.id')
            .addSelect('COALESCE(sc.cnt, 0)', 'serviceCount')
            .orderBy('a.createdAt', 'DESC')
            .addOrderBy('a.id', 'DESC')
            .offset(filter.offset)
            .limit(filter.limit)
            .getRawAndEntities();
        const rows = raw.entities.map((agent, i) => ({ agent, serviceCount: Number(raw.raw[i].serviceCount ?? 0) }));
        return { rows, total };
    }
    /** Counts per effective status (dashboard/metrics use the same SQL rule as the list filter). */
    async countByEffectiveStatus(heartbeatCutoffIso, em = this.tx.manager) {
        const rows = await em
            .createQueryBuilder(agent_entity_1.AgentEntity, 'a')
            .select(agentEffectiveStatusSql('a'), 'status')
            .addSelect('COUNT(*)', 'count')
            .where('a.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .setParameter('hbCutoff', heartbeatCutoffIso)
            .groupBy('status')
            .getRawMany();
        const out = {};
        for (const r of rows)
            out[r.status] = Number(r.count);
        return out;
    }
    filtered(em, filter) {
        const qb = em.createQueryBuilder(agent_entity_1.AgentEntity, 'a').where('a.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID }).setParameter('hbCutoff', filter.heartbeatCutoffIso);
        if (filter.status)
            qb.andWhere(`${agentEffectiveStatusSql('a')} = :effStatus`, { effStatus: filter.status });
        if (filter.q)
            qb.andWhere(`(a.code LIKE :q ESCAPE '\\' OR a.name LIKE :q ESCAPE '\\')`, { q: likePattern(filter.q) });
        return qb;
    }
};
exports.AgentsRepository = AgentsRepository;
exports.AgentsRepository = AgentsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], AgentsRepository);
//# sourceMappingURL=agents.repository.js.map