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
exports.MaintenanceRepository = exports.pauseBetweenBatches = exports.COMMAND_EXPIRED_MESSAGE = exports.TERMINAL_COMMAND_STATUSES = exports.SWEEP_PAUSE_MS = exports.SWEEP_BATCH_SIZE = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const transaction_runner_1 = require("../database/transaction-runner");
const agent_entity_1 = require("../agents/agent.entity");
const agent_token_entity_1 = require("../agents/agent-token.entity");
const audit_event_entity_1 = require("../audit/audit-event.entity");
const session_entity_1 = require("../auth/session.entity");
const capsule_service_entity_1 = require("../capsule-services/capsule-service.entity");
const health_report_entity_1 = require("../capsule-services/health-report.entity");
const command_entity_1 = require("../commands/command.entity");
const command_result_entity_1 = require("../commands/command-result.entity");
const registration_token_entity_1 = require("../registration-tokens/registration-token.entity");
/**
 * Rows touched per batch. better-sqlite3 runs each statement synchronously, so a batch blocks the
 * event loop (and, through TransactionRunner, every other transaction) for its whole duration.
 * Measured at 1M audit rows: 5,000-row deletes took 0.2-0.4 s each and stalled heartbeats for up
 * to 487 ms; 500-row batches take a few tens of milliseconds, and a 500k-row backlog still clears
 * in about a thousand batches.
 */
exports.SWEEP_BATCH_SIZE = 250;
/**
 * Real pause between batches. setImmediate alone let the next batch start before requests that
 * were waiting on the TransactionRunner queue or on their next I/O callback got their turn; a few
 * milliseconds of timer lets heartbeats and polls interleave with a long sweep.
 */
exports.SWEEP_PAUSE_MS = 5;
exports.TERMINAL_COMMAND_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
const EXPIRABLE_COMMAND_STATUSES = ['PENDING', 'RUNNING'];
exports.COMMAND_EXPIRED_MESSAGE = 'Command expired before completion.';
/** Lets queued requests run between batches, so a long sweep never monopolises the event loop or the writer. */
const pauseBetweenBatches = () => new Promise((resolve) => setTimeout(resolve, exports.SWEEP_PAUSE_MS));
exports.pauseBetweenBatches = pauseBetweenBatches;
/**
 * Every statement of the maintenance sweep. Each public method is one sweep step: it loops over
 * batches of ids selected through an index, each batch its own short transaction, and pauses
 * briefly in between.
 * Statements are QueryBuilder-portable (SQLite now, PostgreSQL later); ISO timestamps compare
 * lexicographically.
 */
let MaintenanceRepository = class MaintenanceRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    /** ACTIVE registration tokens past `expiresAt` become EXPIRED. */
    expireRegistrationTokens(now) {
        return this.updateInBatches(registration_token_entity_1.RegistrationTokenEntity, (em) => em
            .createQueryBuilder(registration_token_entity_1.RegistrationTokenEntity, 't')
            .select('t.id', 'id')
            .where("t.status = 'ACTIVE'")
            .andWhere('t.expiresAt IS NOT NULL')
            .andWhere('t.expiresAt < :now', { now }), { status: 'EXPIRED', updatedAt: now }, "status = 'ACTIVE'");
    }
    /**
     * PENDING/RUNNING commands past `expiresAt` (and prepare commands without one that outlived the
     * prepare wait) become EXPIRED; their sealed payload goes with the state change (decision 8).
     */
    expireCommands(now, prepareCutoff) {
        return this.updateInBatches(command_entity_1.CommandEntity, (em) => em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.id', 'id')
            .where('c.status IN (:...open)', { open: EXPIRABLE_COMMAND_STATUSES })
            .andWhere(new typeorm_1.Brackets((qb) => qb
            .where('(c.expiresAt IS NOT NULL AND c.expiresAt < :now)', { now })
            .orWhere("(c.expiresAt IS NULL AND c.type = 'ACTION_PREPARE' AND c.createdAt < :prepareCutoff)", { prepareCutoff }))), {
            status: 'EXPIRED',
            completedAt: now,
            updatedAt: now,
            sealedPayload: null,
            errorCode: () => 'COALESCE("errorCode", :expiredCode)',
            errorMessage: () => 'COALESCE("errorMessage", :expiredMessage)',
        }, "status IN ('PENDING', 'RUNNING')", { expiredCode: 'COMMAND_EXPIRED', expiredMessage: exports.COMMAND_EXPIRED_MESSAGE });
    }
    /**
     * ONLINE/PENDING agents whose last heartbeat is older than the cutoff become OFFLINE. Returns the
     * ids changed so the service can audit each one inside the same batch transaction.
     */
    async markAgentsOffline(now, cutoff, onBatch) {
        const changedIds = [];
        for (;;) {
            const batch = await this.tx.run(async (em) => {
                const ids = await this.ids(this.staleAgents(em, cutoff));
                if (ids.length === 0)
                    return [];
                await em
                    .createQueryBuilder()
                    .update(agent_entity_1.AgentEntity)
                    .set({ status: 'OFFLINE', updatedAt: now })
                    .where('id IN (:...ids)', { ids })
                    .andWhere("status IN ('ONLINE', 'PENDING')")
                    .execute();
                await onBatch(em, ids);
                return ids;
            });
            changedIds.push(...batch);
            if (batch.length < exports.SWEEP_BATCH_SIZE)
                break;
            await (0, exports.pauseBetweenBatches)();
        }
        return changedIds;
    }
    /** Services of OFFLINE agents follow their agent (status OFFLINE, health UNKNOWN). */
    markServicesOfOfflineAgents(now) {
        return this.updateInBatches(capsule_service_entity_1.CapsuleServiceEntity, (em) => em
            .createQueryBuilder(capsule_service_entity_1.CapsuleServiceEntity, 's')
            .select('s.id', 'id')
            .innerJoin(agent_entity_1.AgentEntity, 'a', 'a.id = s.agentId')
            .where("a.status = 'OFFLINE'")
            .andWhere("s.status <> 'OFFLINE'"), { status: 'OFFLINE', healthStatus: 'UNKNOWN', updatedAt: now }, "status <> 'OFFLINE'");
    }
    /** Audit rows older than the cutoff. */
    pruneAudit(cutoff) {
        return this.deleteInBatches(audit_event_entity_1.AuditEventEntity, (em) => em.createQueryBuilder(audit_event_entity_1.AuditEventEntity, 'e').select('e.id', 'id').where('e.createdAt < :cutoff', { cutoff }));
    }
    /**
     * Terminal commands finished before the cutoff, with their results (deleted first, explicitly).
     * Returns how many were deleted per status, so outcome counters can stay monotonic.
     */
    async pruneCommands(cutoff) {
        const byStatus = {};
        for (;;) {
            const rows = await this.tx.run(async (em) => {
                const batch = await em
                    .createQueryBuilder(command_entity_1.CommandEntity, 'c')
                    .select('c.id', 'id')
                    .addSelect('c.status', 'status')
                    .where('c.status IN (:...done)', { done: exports.TERMINAL_COMMAND_STATUSES })
                    .andWhere('COALESCE(c.completedAt, c.updatedAt) < :cutoff', { cutoff })
                    .limit(exports.SWEEP_BATCH_SIZE)
                    .getRawMany();
                if (batch.length === 0)
                    return batch;
                const ids = batch.map((r) => r.id);
                await em.createQueryBuilder().delete().from(command_result_entity_1.CommandResultEntity).where('commandId IN (:...ids)', { ids }).execute();
                await em.createQueryBuilder().delete().from(command_entity_1.CommandEntity).where('id IN (:...ids)', { ids }).execute();
                return batch;
            });
            for (const row of rows)
                byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
            if (rows.length < exports.SWEEP_BATCH_SIZE)
                break;
            await (0, exports.pauseBetweenBatches)();
        }
        return byStatus;
    }
    /**
     * Keeps the newest `keep` health reports per service. Only services over the limit are visited,
     * each one with an index range delete below its `keep`-th newest row (no whole-table window scan).
     */
    async pruneHealthReports(keep) {
        const over = await this.tx.manager
            .createQueryBuilder(health_report_entity_1.HealthReportEntity, 'h')
            .select('h.serviceId', 'serviceId')
            .groupBy('h.serviceId')
            .having('COUNT(*) > :keep', { keep })
            .getRawMany();
        let total = 0;
        for (const { serviceId } of over) {
            const boundary = await this.tx.manager
                .createQueryBuilder(health_report_entity_1.HealthReportEntity, 'h')
                .select(['h.id', 'h.reportedAt'])
                .where('h.serviceId = :serviceId', { serviceId })
                .orderBy('h.reportedAt', 'DESC')
                .addOrderBy('h.id', 'DESC')
                .offset(keep - 1)
                .limit(1)
                .getOne();
            if (!boundary)
                continue;
            total += await this.deleteInBatches(health_report_entity_1.HealthReportEntity, (em) => em
                .createQueryBuilder(health_report_entity_1.HealthReportEntity, 'h')
                .select('h.id', 'id')
                .where('h.serviceId = :serviceId', { serviceId })
                .andWhere(new typeorm_1.Brackets((qb) => qb
                .where('h.reportedAt < :at', { at: boundary.reportedAt })
                .orWhere('(h.reportedAt = :at AND h.id < :bid)', { at: boundary.reportedAt, bid: boundary.id }))));
        }
        return total;
    }
    pruneSessions(now) {
        return this.deleteInBatches(session_entity_1.SessionEntity, (em) => em.createQueryBuilder(session_entity_1.SessionEntity, 's').select('s.id', 'id').where('s.expiresAt < :now', { now }));
    }
    pruneRevokedAgentTokens(cutoff) {
        return this.deleteInBatches(agent_token_entity_1.AgentTokenEntity, (em) => em
            .createQueryBuilder(agent_token_entity_1.AgentTokenEntity, 't')
            .select('t.id', 'id')
            .where("t.status = 'REVOKED'")
            .andWhere('COALESCE(t.revokedAt, t.updatedAt) < :cutoff', { cutoff }));
    }
    /** By table name: the bus module sits above maintenance in the module graph, so its entity is not imported. */
    pruneBusEvents(cutoff) {
        return this.deleteInBatches('bus_events', (em) => em.createQueryBuilder().select('b.id', 'id').from('bus_events', 'b').where('b."acceptedAt" < :cutoff', { cutoff }));
    }
    /**
     * Safety net for decision 8: one-time result data past its deadline, and sealed payloads of
     * commands already terminal, are wiped even if the path that should have wiped them did not run.
     */
    async wipeSealedSecrets(now) {
        const results = await this.updateInBatches(command_result_entity_1.CommandResultEntity, (em) => em
            .createQueryBuilder(command_result_entity_1.CommandResultEntity, 'r')
            .select('r.id', 'id')
            .where('r.sealedData IS NOT NULL')
            .andWhere('r.sealedExpiresAt IS NOT NULL')
            .andWhere('r.sealedExpiresAt < :now', { now }), { sealedData: null }, '"sealedData" IS NOT NULL');
        const payloads = await this.updateInBatches(command_entity_1.CommandEntity, (em) => em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.id', 'id')
            .where('c.sealedPayload IS NOT NULL')
            .andWhere('c.status IN (:...done)', { done: exports.TERMINAL_COMMAND_STATUSES }), { sealedPayload: null }, '"sealedPayload" IS NOT NULL');
        return results + payloads;
    }
    staleAgents(em, cutoff) {
        return em
            .createQueryBuilder(agent_entity_1.AgentEntity, 'a')
            .select('a.id', 'id')
            .where("a.status IN ('ONLINE', 'PENDING')")
            .andWhere('a.lastHeartbeatAt IS NOT NULL')
            .andWhere('a.lastHeartbeatAt < :cutoff', { cutoff })
            .orderBy('a.id');
    }
    async ids(query) {
        const rows = await query.limit(exports.SWEEP_BATCH_SIZE).getRawMany();
        return rows.map((r) => r.id);
    }
    async deleteInBatches(entity, select) {
        let total = 0;
        for (;;) {
            const deleted = await this.tx.run(async (em) => {
                const ids = await this.ids(select(em));
                if (ids.length === 0)
                    return 0;
                await em.createQueryBuilder().delete().from(entity).where('id IN (:...ids)', { ids }).execute();
                return ids.length;
            });
            total += deleted;
            if (deleted < exports.SWEEP_BATCH_SIZE)
                break;
            await (0, exports.pauseBetweenBatches)();
        }
        return total;
    }
    /** `guard` re-checks the condition in the UPDATE itself, so a row changed meanwhile is left alone. */
    async updateInBatches(entity, select, values, guard, parameters = {}) {
        let total = 0;
        for (;;) {
            const changed = await this.tx.run(async (em) => {
                const ids = await this.ids(select(em));
                if (ids.length === 0)
                    return { selected: 0, affected: 0 };
                const result = await em.createQueryBuilder().update(entity).set(values).where('id IN (:...ids)', { ids }).andWhere(guard).setParameters(parameters).execute();
                return { selected: ids.length, affected: result.affected ?? ids.length };
            });
            total += changed.affected;
            if (changed.selected < exports.SWEEP_BATCH_SIZE)
                break;
            await (0, exports.pauseBetweenBatches)();
        }
        return total;
    }
};
exports.MaintenanceRepository = MaintenanceRepository;
exports.MaintenanceRepository = MaintenanceRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], MaintenanceRepository);
//# sourceMappingURL=maintenance.repository.js.map