import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../common/http/query-list';
import { updateBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { CommandResultEntity } from './command-result.entity';
import { CommandEntity } from './command.entity';
import { COMMAND_EXPIRED_CODE, COMMAND_EXPIRED_MESSAGE, OPEN_STATUSES, TERMINAL_STATUSES } from './command-state';
import type { Tx } from '../database/transaction';
import type { CommandStatus, CommandType } from '../contracts';

export interface CommandListFilter {
  /** Any of these (effective) statuses. */
  status?: readonly CommandStatus[];
  /** Substring of id, action name, error code or error message. */
  q?: string;
  type?: CommandType;
  actionName?: string;
  agentId?: string;
  serviceId?: string;
  /** Only these services (a scoped API token's); an empty list matches nothing. */
  serviceIds?: readonly string[];
  createdByUserId?: string;
  from?: string;
  to?: string;
}

export interface TerminalUpdate {
  status: CommandStatus;
  completedAt: string;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/** Notices taken per heartbeat/poll; an agent with more keeps its place in the cancel-notice index. */
export const CANCEL_NOTICE_BATCH = 100;

const HAS_CLAIMABLE_SQL = `SELECT 1 AS "found" FROM "commands"
  WHERE "agentId" = ? AND "status" = 'PENDING' AND ("expiresAt" IS NULL OR "expiresAt" >= ?) LIMIT 1`;

/** Every query on `commands`; once-only transitions are conditional UPDATEs returning whether they won
 * (docs/design/decisions.md, "Once-only transitions"). */
@Injectable()
export class CommandRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(row: CommandEntity, em: Tx): Promise<void> {
    await em.insert(CommandEntity, row);
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<CommandEntity | null> {
    return em.findOne(CommandEntity, { where: { id } });
  }

  list(
    filter: CommandListFilter,
    nowIso: string,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<[CommandEntity[], number]> {
    const qb = em.createQueryBuilder(CommandEntity, 'c');
    applyFilter(qb, filter, nowIso);
    return findPage(qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC'), offset, limit);
  }

  /**
   * This agent's PENDING, unexpired commands in creation order (ULIDs break ties). On PostgreSQL they are read
   * `FOR UPDATE SKIP LOCKED`: polls of one agent racing on several replicas or connections each get other rows,
   * instead of all reading the oldest, one winning it and the rest answering empty while commands wait.
   */
  claimable(agentId: string, nowIso: string, limit: number, em: Tx): Promise<CommandEntity[]> {
    const query = em
      .createQueryBuilder(CommandEntity, 'c')
      .where('c.agentId = :agentId AND c.status = :pending', { agentId, pending: 'PENDING' })
      .andWhere('(c.expiresAt IS NULL OR c.expiresAt >= :now)', { now: nowIso })
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit);
    if (em.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  /** PENDING → RUNNING; the sealed payload goes with the claim (it is handed out exactly once). */
  async claim(id: string, nowIso: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(CommandEntity)
      .set({ status: 'RUNNING', startedAt: nowIso, updatedAt: nowIso, sealedPayload: null })
      .where('id = :id AND status = :pending', { id, pending: 'PENDING' })
      .andWhere('("expiresAt" IS NULL OR "expiresAt" >= :now)', { now: nowIso })
      .execute();
    return res.affected === 1;
  }

  /** AWAITING_APPROVAL → PENDING with the action's own deadline from now (docs/actions-and-commands.md, "Approval"). */
  async approve(id: string, nowIso: string, expiresAt: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(CommandEntity)
      .set({ status: 'PENDING', expiresAt, updatedAt: nowIso })
      .where('id = :id AND status = :awaiting', { id, awaiting: 'AWAITING_APPROVAL' })
      .execute();
    return res.affected === 1;
  }

  /** Approval requests nobody decided on before their deadline, for the sweep. */
  async overdueApprovals(nowIso: string, limit: number, em: EntityManager = this.tx.manager): Promise<CommandEntity[]> {
    return em
      .createQueryBuilder(CommandEntity, 'c')
      .where('c.status = :awaiting AND c.expiresAt < :now', { awaiting: 'AWAITING_APPROVAL', now: nowIso })
      .orderBy('c.expiresAt', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Open → terminal, only from the given statuses; wipes the sealed payload. */
  async finish(id: string, from: readonly CommandStatus[], update: TerminalUpdate, em: Tx): Promise<boolean> {
    const set: Partial<CommandEntity> = {
      status: update.status,
      completedAt: update.completedAt,
      updatedAt: update.completedAt,
      sealedPayload: null,
    };
    if (update.errorCode !== undefined) set.errorCode = update.errorCode;
    if (update.errorMessage !== undefined) set.errorMessage = update.errorMessage;
    const res = await em
      .createQueryBuilder()
      .update(CommandEntity)
      .set(set)
      .where('id = :id AND status IN (:...from)', { id, from: [...from] })
      .execute();
    return res.affected === 1;
  }

  /**
   * Ids of open commands whose deadline passed, for the sweep: past `expiresAt`, or (rows from
   * before every command had a deadline) prepare commands without one created before the cutoff.
   */
  async overdueIds(
    nowIso: string,
    prepareCutoffIso: string,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<string[]> {
    const rows = await em
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.id', 'id')
      .where('c.status IN (:...open)', { open: [...OPEN_STATUSES] })
      .andWhere(
        new Brackets((qb) =>
          qb
            .where('(c.expiresAt IS NOT NULL AND c.expiresAt < :now)', { now: nowIso })
            .orWhere("(c.expiresAt IS NULL AND c.type = 'ACTION_PREPARE' AND c.createdAt < :prepareCutoff)", {
              prepareCutoff: prepareCutoffIso,
            }),
        ),
      )
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * Persists expiry with COMMAND_EXPIRED and its message, keeping an error code already set (e.g.
   * ACTION_PREPARE_TIMEOUT). The one expiry statement: read time, cancel, results and the sweep.
   */
  async expire(ids: string[], nowIso: string, em: Tx): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await em
      .createQueryBuilder()
      .update(CommandEntity)
      .set({
        status: 'EXPIRED',
        completedAt: nowIso,
        updatedAt: nowIso,
        sealedPayload: null,
        errorCode: () => 'COALESCE("errorCode", :code)',
        errorMessage: () => 'COALESCE("errorMessage", :message)',
      })
      .where('id IN (:...ids) AND status IN (:...open)', { ids, open: [...OPEN_STATUSES] })
      .setParameters({ code: COMMAND_EXPIRED_CODE, message: COMMAND_EXPIRED_MESSAGE })
      .execute();
    return res.affected ?? 0;
  }

  /** Cancelled-while-RUNNING commands whose agent has not been told yet (docs/design/decisions.md, "Cancel reaches the
   * agent"); at most `limit`. */
  async takeCancelledForAgent(agentId: string, nowIso: string, em: Tx, limit = CANCEL_NOTICE_BATCH): Promise<string[]> {
    const rows = await em
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.id', 'id')
      .where('c.agentId = :agentId AND c.status = :cancelled', { agentId, cancelled: 'CANCELLED' })
      .andWhere('c.startedAt IS NOT NULL AND c.cancelNotifiedAt IS NULL')
      .orderBy('c.completedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    const taken: string[] = [];
    for (const { id } of rows) {
      const res = await em
        .createQueryBuilder()
        .update(CommandEntity)
        .set({ cancelNotifiedAt: nowIso })
        .where('id = :id AND "cancelNotifiedAt" IS NULL', { id })
        .execute();
      if (res.affected === 1) taken.push(id);
    }
    return taken;
  }

  /** Boot-time fill of the cancel-notice index: agents owed at least one cancel notice. */
  async agentsWithUnnotifiedCancels(em: EntityManager = this.tx.manager): Promise<string[]> {
    const rows: unknown = await em.query(
      `SELECT DISTINCT "agentId" FROM "commands" WHERE "status" = 'CANCELLED' AND "startedAt" IS NOT NULL AND "cancelNotifiedAt" IS NULL`,
    );
    return Array.isArray(rows) ? rows.map((r) => (r as { agentId: string }).agentId) : [];
  }

  /**
   * Whether the agent has a claimable command, without a transaction: one probe of
   * idx_commands_agent_status with a fixed SQL text (cached prepared statement). An empty poll
   * stops here; the claim itself stays a conditional UPDATE inside a transaction.
   */
  async hasClaimable(agentId: string, nowIso: string): Promise<boolean> {
    return (await this.tx.readOne(HAS_CLAIMABLE_SQL, [agentId, nowIso])) !== undefined;
  }

  /**
   * Retention sweep step, one batch: terminal commands finished before the cutoff, results first
   * (no reliance on FK cascades). Returns the deleted rows' statuses, so outcome counters stay
   * monotonic.
   */
  async pruneFinishedBatch(cutoffIso: string, limit: number, em: Tx): Promise<{ id: string; status: CommandStatus }[]> {
    const rows = await em
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.id', 'id')
      .addSelect('c.status', 'status')
      .where('c.status IN (:...terminal)', { terminal: [...TERMINAL_STATUSES] })
      .andWhere('COALESCE(c.completedAt, c.updatedAt) < :cutoff', { cutoff: cutoffIso })
      .limit(limit)
      .getRawMany<{ id: string; status: CommandStatus }>();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return rows;
    await em
      .createQueryBuilder()
      .delete()
      .from(CommandResultEntity)
      .where('"commandId" IN (:...ids)', { ids })
      .execute();
    // A retry keeps its own row; only the link to the pruned source goes.
    await em
      .createQueryBuilder()
      .update(CommandEntity)
      .set({ retryOfCommandId: null })
      .where('"retryOfCommandId" IN (:...ids)', { ids })
      .execute();
    await em.createQueryBuilder().delete().from(CommandEntity).where('id IN (:...ids)', { ids }).execute();
    return rows;
  }

  /** Sweep step, one batch: one-time result data past its deadline. */
  wipeExpiredResultData(nowIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(CommandResultEntity, 'r')
      .select('r.id', 'id')
      .where('r.sealedData IS NOT NULL')
      .andWhere('r.sealedExpiresAt IS NOT NULL')
      .andWhere('r.sealedExpiresAt < :now', { now: nowIso });
    return updateBatch(em, CommandResultEntity, select, { sealedData: null }, '"sealedData" IS NOT NULL', limit);
  }

  /** Sweep step, one batch: sealed payloads of commands already terminal. */
  wipeTerminalPayloads(limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.id', 'id')
      .where('c.sealedPayload IS NOT NULL')
      .andWhere('c.status IN (:...done)', { done: [...TERMINAL_STATUSES] });
    return updateBatch(em, CommandEntity, select, { sealedPayload: null }, '"sealedPayload" IS NOT NULL', limit);
  }

  // ---- results ----

  async insertResult(row: CommandResultEntity, em: Tx): Promise<void> {
    await em.insert(CommandResultEntity, row);
  }

  findResult(commandId: string, em: EntityManager = this.tx.manager): Promise<CommandResultEntity | null> {
    return em.findOne(CommandResultEntity, { where: { commandId } });
  }

  /** The first privileged reader takes the one-time fields; everyone after finds nothing. */
  async takeSealedResult(resultId: string, userId: string, nowIso: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(CommandResultEntity)
      .set({ sealedData: null, revealedAt: nowIso, revealedByUserId: userId })
      .where('id = :id AND "sealedData" IS NOT NULL AND "revealedAt" IS NULL', { id: resultId })
      .andWhere('"sealedExpiresAt" >= :now', { now: nowIso })
      .execute();
    return res.affected === 1;
  }

  /** Wipes one-time fields nobody read in time. */
  async wipeExpiredSealedResults(nowIso: string, em: Tx): Promise<number> {
    const res = await em
      .createQueryBuilder()
      .update(CommandResultEntity)
      .set({ sealedData: null })
      .where('"sealedData" IS NOT NULL AND "sealedExpiresAt" < :now', { now: nowIso })
      .execute();
    return res.affected ?? 0;
  }
}

function applyFilter(qb: SelectQueryBuilder<CommandEntity>, f: CommandListFilter, nowIso: string): void {
  qb.where('1 = 1');
  if (f.status?.length) {
    const statuses = f.status;
    qb.andWhere(
      new Brackets((b) => {
        for (const status of statuses) b.orWhere(statusClause(status));
      }),
    );
    qb.setParameters({ open: ['PENDING', 'RUNNING'], now: nowIso, expired: 'EXPIRED' });
  }
  if (f.type) qb.andWhere('c.type = :type', { type: f.type });
  if (f.actionName) qb.andWhere('c.actionName = :actionName', { actionName: f.actionName });
  if (f.agentId) qb.andWhere('c.agentId = :agentId', { agentId: f.agentId });
  if (f.serviceId) qb.andWhere('c.serviceId = :serviceId', { serviceId: f.serviceId });
  if (f.serviceIds) {
    if (f.serviceIds.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere('c.serviceId IN (:...serviceIds)', { serviceIds: [...f.serviceIds] });
  }
  if (f.createdByUserId) qb.andWhere('c.createdByUserId = :createdByUserId', { createdByUserId: f.createdByUserId });
  if (f.from) qb.andWhere('c.createdAt >= :from', { from: f.from });
  if (f.to) qb.andWhere('c.createdAt <= :to', { to: f.to });
  if (f.q) {
    qb.andWhere(
      `(LOWER(c.id) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(c.actionName) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(COALESCE(c.errorCode, '')) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(COALESCE(c.errorMessage, '')) LIKE LOWER(:q) ESCAPE '\\')`,
      { q: containsPattern(f.q) },
    );
  }
}

/**
 * One status as SQL: an open command past its deadline is EXPIRED for every reader
 * (docs/design/decisions.md, "Commands always expire"), so it matches EXPIRED and no longer PENDING/RUNNING. Statuses
 * are a fixed set, never input.
 */
function statusClause(status: CommandStatus): string {
  if (status === 'EXPIRED')
    return '(c.status = :expired OR (c.status IN (:...open) AND c.expiresAt IS NOT NULL AND c.expiresAt < :now))';
  if (status === 'PENDING' || status === 'RUNNING')
    return `(c.status = '${status}' AND (c.expiresAt IS NULL OR c.expiresAt >= :now))`;
  return `c.status = '${status}'`;
}
