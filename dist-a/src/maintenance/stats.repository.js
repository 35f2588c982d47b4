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
exports.StatsRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const transaction_runner_1 = require("../database/transaction-runner");
const agent_entity_1 = require("../agents/agent.entity");
const agents_repository_1 = require("../agents/agents.repository");
const capsule_services_repository_1 = require("../capsule-services/capsule-services.repository");
const audit_event_entity_1 = require("../audit/audit-event.entity");
const capsule_service_entity_1 = require("../capsule-services/capsule-service.entity");
const command_entity_1 = require("../commands/command.entity");
const registration_token_entity_1 = require("../registration-tokens/registration-token.entity");
const user_entity_1 = require("../users/user.entity");
const workspace_entity_1 = require("../workspaces/workspace.entity");
/** Tables reported by diagnostics (by name: some belong to modules above this one). */
const TABLES = [
    'workspaces', 'users', 'sessions', 'registration_tokens', 'agents', 'agent_tokens', 'capsule_services', 'health_reports',
    'config_items', 'action_definitions', 'commands', 'command_results', 'audit_events', 'system_settings', 'system_counters',
    'bus_events', 'bus_routes',
];
/**
 * Aggregate reads for the dashboard, metrics, Prometheus and diagnostics: a handful of GROUP BYs,
 * no per-row loops. Effective statuses reuse the SQL twins the agents and capsule-services
 * modules own, so these counts always match what their filtered lists return.
 */
let StatsRepository = class StatsRepository {
    tx;
    dataSource;
    constructor(tx, dataSource) {
        this.tx = tx;
        this.dataSource = dataSource;
    }
    findWorkspace() {
        return this.tx.manager.findOne(workspace_entity_1.WorkspaceEntity, { where: { id: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
    }
    async agentsByEffectiveStatus(cutoffs) {
        const rows = await this.tx.manager
            .createQueryBuilder(agent_entity_1.AgentEntity, 'a')
            .select((0, agents_repository_1.agentEffectiveStatusSql)('a'), 'effective_status')
            .addSelect('COUNT(*)', 'n')
            .where('a.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .setParameter('hbCutoff', cutoffs.hbCutoff)
            .groupBy('effective_status')
            .getRawMany();
        return toCountMap(rows.map((r) => ({ status: r.effective_status, n: r.n })));
    }
    async servicesByEffectiveStatus(cutoffs) {
        const rows = await this.tx.manager
            .createQueryBuilder(capsule_service_entity_1.CapsuleServiceEntity, 's')
            .leftJoin('s.agent', 'ag')
            .select((0, capsule_services_repository_1.serviceEffectiveStatusSql)(cutoffs.rpCutoff !== null), 'effective_status')
            .addSelect('COUNT(*)', 'n')
            .where('s.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .setParameters({ ...cutoffs })
            .groupBy('effective_status')
            .getRawMany();
        return toCountMap(rows.map((r) => ({ status: r.effective_status, n: r.n })));
    }
    /** Stored status of a table with a `status` column (commands, registration tokens, users). */
    async byStoredStatus(entity) {
        const rows = await this.tx.manager
            .createQueryBuilder(entity, 't')
            .select('t.status', 'status')
            .addSelect('COUNT(*)', 'n')
            .groupBy('t.status')
            .getRawMany();
        return toCountMap(rows);
    }
    commandsByStatus() {
        return this.byStoredStatus(command_entity_1.CommandEntity);
    }
    registrationTokensByStatus() {
        return this.byStoredStatus(registration_token_entity_1.RegistrationTokenEntity);
    }
    count(entity) {
        return this.tx.manager.count(entity);
    }
    countUsers() {
        return this.count(user_entity_1.UserEntity);
    }
    countAudit() {
        return this.count(audit_event_entity_1.AuditEventEntity);
    }
    recentCommands(limit) {
        return this.tx.manager.find(command_entity_1.CommandEntity, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    }
    recentAudit(limit) {
        return this.tx.manager.find(audit_event_entity_1.AuditEventEntity, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    }
    /** The newest `limit` commands that have both timestamps (REF: ordered by completedAt desc). */
    recentDurations(limit) {
        return this.tx.manager
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.startedAt', 'startedAt')
            .addSelect('c.completedAt', 'completedAt')
            .where('c.startedAt IS NOT NULL')
            .andWhere('c.completedAt IS NOT NULL')
            .orderBy('c.completedAt', 'DESC')
            .limit(limit)
            .getRawMany();
    }
    /** Commands completed after `afterIso`, oldest first (feeds the Prometheus duration histogram incrementally). */
    durationsSince(afterIso, limit) {
        return this.tx.manager
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.startedAt', 'startedAt')
            .addSelect('c.completedAt', 'completedAt')
            .where('c.startedAt IS NOT NULL')
            .andWhere('c.completedAt > :afterIso', { afterIso })
            .orderBy('c.completedAt', 'ASC')
            .limit(limit)
            .getRawMany();
    }
    async topCommandErrors(limit) {
        const rows = await this.tx.manager
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.errorCode', 'code')
            .addSelect('COUNT(*)', 'n')
            .where("c.status = 'FAILED'")
            .andWhere('c.errorCode IS NOT NULL')
            .groupBy('c.errorCode')
            .orderBy('n', 'DESC')
            .addOrderBy('c.errorCode', 'ASC')
            .limit(limit)
            .getRawMany();
        return rows.map((r) => ({ code: r.code, count: Number(r.n) }));
    }
    /** Prepare statistics in one pass: requested, timed out, failed. */
    async prepareStats() {
        const row = await this.tx.manager
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('COUNT(*)', 'requested')
            .addSelect("SUM(CASE WHEN c.errorCode = 'ACTION_PREPARE_TIMEOUT' THEN 1 ELSE 0 END)", 'timeouts')
            .addSelect("SUM(CASE WHEN c.status = 'FAILED' THEN 1 ELSE 0 END)", 'failures')
            .where("c.type = 'ACTION_PREPARE'")
            .getRawOne();
        return { requested: Number(row?.requested ?? 0), timeouts: Number(row?.timeouts ?? 0), failures: Number(row?.failures ?? 0) };
    }
    /** Agents stored ONLINE whose heartbeat is missing or older than the threshold (not yet swept). */
    staleOnlineAgents(cutoffs) {
        return this.tx.manager
            .createQueryBuilder(agent_entity_1.AgentEntity, 'a')
            .where("a.status = 'ONLINE'")
            .andWhere('(a.lastHeartbeatAt IS NULL OR a.lastHeartbeatAt < :hbCutoff)', { hbCutoff: cutoffs.hbCutoff })
            .getCount();
    }
    async tableRowCounts() {
        const out = {};
        for (const name of TABLES) {
            const row = await this.tx.manager.createQueryBuilder().select('COUNT(*)', 'n').from(name, 't').getRawOne();
            out[name] = Number(row?.n ?? 0);
        }
        return out;
    }
    /**
     * SQLite's online backup API through the driver's raw better-sqlite3 handle: pages are copied in
     * steps between which other statements keep running, and the copy is a consistent snapshot.
     */
    async backupTo(destination) {
        const db = this.dataSource.driver.databaseConnection;
        await db.backup(destination);
    }
};
exports.StatsRepository = StatsRepository;
exports.StatsRepository = StatsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner,
        typeorm_1.DataSource])
], StatsRepository);
function toCountMap(rows) {
    const out = {};
    for (const row of rows) {
        const n = Number(row.n);
        if (n > 0)
            out[row.status] = n;
    }
    return out;
}
//# sourceMappingURL=stats.repository.js.map