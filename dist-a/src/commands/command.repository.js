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
exports.CommandRepository = exports.CANCEL_NOTICE_BATCH = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const command_result_entity_1 = require("./command-result.entity");
const command_entity_1 = require("./command.entity");
/** Notices taken per heartbeat/poll; an agent with more keeps its place in the cancel-notice index. */
exports.CANCEL_NOTICE_BATCH = 100;
const HAS_CLAIMABLE_SQL = `SELECT 1 AS "found" FROM "commands"
  WHERE "agentId" = ? AND "status" = 'PENDING' AND ("expiresAt" IS NULL OR "expiresAt" >= ?) LIMIT 1`;
/** Every query on `commands`; once-only transitions are conditional UPDATEs returning whether they won (decision 19). */
let CommandRepository = class CommandRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(command_entity_1.CommandEntity, row);
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(command_entity_1.CommandEntity, { where: { id } });
    }
    list(filter, nowIso, offset, limit, em = this.tx.manager) {
        const qb = em.createQueryBuilder(command_entity_1.CommandEntity, 'c');
        applyFilter(qb, filter, nowIso);
        return (0, list_query_1.findPage)(qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC'), offset, limit);
    }
    /** This agent's PENDING, unexpired commands in creation order (ULIDs break ties). */
    claimable(agentId, nowIso, limit, em) {
        return em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .where('c.agentId = :agentId AND c.status = :pending', { agentId, pending: 'PENDING' })
            .andWhere('(c.expiresAt IS NULL OR c.expiresAt >= :now)', { now: nowIso })
            .orderBy('c.createdAt', 'ASC')
            .addOrderBy('c.id', 'ASC')
            .take(limit)
            .getMany();
    }
    /** PENDING → RUNNING; the sealed payload goes with the claim (it is handed out exactly once). */
    async claim(id, nowIso, em) {
        const res = await em
            .createQueryBuilder()
            .update(command_entity_1.CommandEntity)
            .set({ status: 'RUNNING', startedAt: nowIso, updatedAt: nowIso, sealedPayload: null })
            .where('id = :id AND status = :pending', { id, pending: 'PENDING' })
            .andWhere('(expiresAt IS NULL OR expiresAt >= :now)', { now: nowIso })
            .execute();
        return res.affected === 1;
    }
    /** Open → terminal, only from the given statuses; wipes the sealed payload. */
    async finish(id, from, update, em) {
        const set = { status: update.status, completedAt: update.completedAt, updatedAt: update.completedAt, sealedPayload: null };
        if (update.errorCode !== undefined)
            set.errorCode = update.errorCode;
        if (update.errorMessage !== undefined)
            set.errorMessage = update.errorMessage;
        const res = await em
            .createQueryBuilder()
            .update(command_entity_1.CommandEntity)
            .set(set)
            .where('id = :id AND status IN (:...from)', { id, from: [...from] })
            .execute();
        return res.affected === 1;
    }
    /** Ids of open commands whose deadline passed (oldest first), for the sweep. */
    async overdueIds(nowIso, limit, em = this.tx.manager) {
        const rows = await em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.id', 'id')
            .where('c.status IN (:...open)', { open: ['PENDING', 'RUNNING'] })
            .andWhere('c.expiresAt IS NOT NULL AND c.expiresAt < :now', { now: nowIso })
            .orderBy('c.expiresAt', 'ASC')
            .limit(limit)
            .getRawMany();
        return rows.map((r) => r.id);
    }
    /** Persists expiry, keeping an error code already set (e.g. ACTION_PREPARE_TIMEOUT). */
    async expire(ids, nowIso, code, message, em) {
        if (ids.length === 0)
            return 0;
        const res = await em
            .createQueryBuilder()
            .update(command_entity_1.CommandEntity)
            .set({
            status: 'EXPIRED',
            completedAt: nowIso,
            updatedAt: nowIso,
            sealedPayload: null,
            errorCode: () => 'COALESCE("errorCode", :code)',
            errorMessage: () => 'COALESCE("errorMessage", :message)',
        })
            .where('id IN (:...ids) AND status IN (:...open)', { ids, open: ['PENDING', 'RUNNING'] })
            .setParameters({ code, message })
            .execute();
        return res.affected ?? 0;
    }
    /** Cancelled-while-RUNNING commands whose agent has not been told yet (decision 17); at most `limit`. */
    async takeCancelledForAgent(agentId, nowIso, em, limit = exports.CANCEL_NOTICE_BATCH) {
        const rows = await em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.id', 'id')
            .where('c.agentId = :agentId AND c.status = :cancelled', { agentId, cancelled: 'CANCELLED' })
            .andWhere('c.startedAt IS NOT NULL AND c.cancelNotifiedAt IS NULL')
            .orderBy('c.completedAt', 'ASC')
            .limit(limit)
            .getRawMany();
        const taken = [];
        for (const { id } of rows) {
            const res = await em
                .createQueryBuilder()
                .update(command_entity_1.CommandEntity)
                .set({ cancelNotifiedAt: nowIso })
                .where('id = :id AND cancelNotifiedAt IS NULL', { id })
                .execute();
            if (res.affected === 1)
                taken.push(id);
        }
        return taken;
    }
    /** Boot-time fill of the cancel-notice index: agents owed at least one cancel notice. */
    async agentsWithUnnotifiedCancels(em = this.tx.manager) {
        const rows = await em.query(`SELECT DISTINCT "agentId" FROM "commands" WHERE "status" = 'CANCELLED' AND "startedAt" IS NOT NULL AND "cancelNotifiedAt" IS NULL`);
        return Array.isArray(rows) ? rows.map((r) => r.agentId) : [];
    }
    /**
     * Whether the agent has a claimable command, without a transaction: one probe of
     * idx_commands_agent_status with a fixed SQL text (cached prepared statement). An empty poll
     * stops here; the claim itself stays a conditional UPDATE inside a transaction.
     */
    async hasClaimable(agentId, nowIso, em = this.tx.manager) {
        const rows = await em.query(HAS_CLAIMABLE_SQL, [agentId, nowIso]);
        return Array.isArray(rows) && rows.length > 0;
    }
    /** Retention: terminal commands created before the cutoff, results first (no reliance on FK cascades). */
    async pruneOlderThan(cutoffIso, limit, em) {
        const rows = await em
            .createQueryBuilder(command_entity_1.CommandEntity, 'c')
            .select('c.id', 'id')
            .where('c.createdAt < :cutoff', { cutoff: cutoffIso })
            .andWhere('c.status IN (:...terminal)', { terminal: ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'] })
            .orderBy('c.createdAt', 'ASC')
            .limit(limit)
            .getRawMany();
        const ids = rows.map((r) => r.id);
        if (ids.length === 0)
            return 0;
        await em.createQueryBuilder().delete().from(command_result_entity_1.CommandResultEntity).where('commandId IN (:...ids)', { ids }).execute();
        // A retry keeps its own row; only the link to the pruned source goes.
        await em.createQueryBuilder().update(command_entity_1.CommandEntity).set({ retryOfCommandId: null }).where('retryOfCommandId IN (:...ids)', { ids }).execute();
        const res = await em.createQueryBuilder().delete().from(command_entity_1.CommandEntity).where('id IN (:...ids)', { ids }).execute();
        return res.affected ?? ids.length;
    }
    // ---- results ----
    async insertResult(row, em) {
        await em.insert(command_result_entity_1.CommandResultEntity, row);
    }
    findResult(commandId, em = this.tx.manager) {
        return em.findOne(command_result_entity_1.CommandResultEntity, { where: { commandId } });
    }
    /** The first privileged reader takes the one-time fields; everyone after finds nothing. */
    async takeSealedResult(resultId, userId, nowIso, em) {
        const res = await em
            .createQueryBuilder()
            .update(command_result_entity_1.CommandResultEntity)
            .set({ sealedData: null, revealedAt: nowIso, revealedByUserId: userId })
            .where('id = :id AND sealedData IS NOT NULL AND revealedAt IS NULL', { id: resultId })
            .andWhere('sealedExpiresAt >= :now', { now: nowIso })
            .execute();
        return res.affected === 1;
    }
    /** Wipes one-time fields nobody read in time. */
    async wipeExpiredSealedResults(nowIso, em = this.tx.manager) {
        const res = await em
            .createQueryBuilder()
            .update(command_result_entity_1.CommandResultEntity)
            .set({ sealedData: null })
            .where('sealedData IS NOT NULL AND sealedExpiresAt < :now', { now: nowIso })
            .execute();
        return res.affected ?? 0;
    }
};
exports.CommandRepository = CommandRepository;
exports.CommandRepository = CommandRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], CommandRepository);
function applyFilter(qb, f, nowIso) {
    qb.where('1 = 1');
    if (f.status === 'EXPIRED') {
        qb.andWhere(new typeorm_1.Brackets((b) => {
            b.where('c.status = :expired', { expired: 'EXPIRED' }).orWhere('(c.status IN (:...open) AND c.expiresAt IS NOT NULL AND c.expiresAt < :now)', {
                open: ['PENDING', 'RUNNING'],
                now: nowIso,
            });
        }));
    }
    else if (f.status === 'PENDING' || f.status === 'RUNNING') {
        qb.andWhere('c.status = :status AND (c.expiresAt IS NULL OR c.expiresAt >= :now)', { status: f.status, now: nowIso });
    }
    else if (f.status) {
        qb.andWhere('c.status = :status', { status: f.status });
    }
    if (f.type)
        qb.andWhere('c.type = :type', { type: f.type });
    if (f.actionName)
        qb.andWhere('c.actionName = :actionName', { actionName: f.actionName });
    if (f.agentId)
        qb.andWhere('c.agentId = :agentId', { agentId: f.agentId });
    if (f.serviceId)
        qb.andWhere('c.serviceId = :serviceId', { serviceId: f.serviceId });
    if (f.createdByUserId)
        qb.andWhere('c.createdByUserId = :createdByUserId', { createdByUserId: f.createdByUserId });
    if (f.from)
        qb.andWhere('c.createdAt >= :from', { from: f.from });
    if (f.to)
        qb.andWhere('c.createdAt <= :to', { to: f.to });
}
//# sourceMappingURL=command.repository.js.map