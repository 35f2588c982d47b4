import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager, type ObjectLiteral, type SelectQueryBuilder, type EntityTarget } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { AgentEntity } from '../agents/agent.entity';
import { AgentTokenEntity } from '../agents/agent-token.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { SessionEntity } from '../auth/session.entity';
import { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import { HealthReportEntity } from '../capsule-services/health-report.entity';
import { CommandEntity } from '../commands/command.entity';
import { CommandResultEntity } from '../commands/command-result.entity';
import { TERMINAL_STATUSES } from '../commands/command-state';
import { RegistrationTokenEntity } from '../registration-tokens/registration-token.entity';

/**
 * Rows touched per batch. better-sqlite3 runs each statement synchronously, so a batch blocks the
 * event loop (and, through TransactionRunner, every other transaction) for its whole duration.
 * Measured at 1M audit rows: 5,000-row deletes took 0.2-0.4 s each and stalled heartbeats for up
 * to 487 ms; 500-row batches take a few tens of milliseconds, and a 500k-row backlog still clears
 * in about a thousand batches.
 */
export const SWEEP_BATCH_SIZE = 250;

/**
 * Real pause between batches. setImmediate alone let the next batch start before requests that
 * were waiting on the TransactionRunner queue or on their next I/O callback got their turn; a few
 * milliseconds of timer lets heartbeats and polls interleave with a long sweep.
 */
export const SWEEP_PAUSE_MS = 5;

/** Lets queued requests run between batches, so a long sweep never monopolises the event loop or the writer. */
export const pauseBetweenBatches = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));

type IdBatchQuery = (em: EntityManager) => SelectQueryBuilder<ObjectLiteral>;

/**
 * Every statement of the maintenance sweep. Each public method is one sweep step: it loops over
 * batches of ids selected through an index, each batch its own short transaction, and pauses
 * briefly in between.
 * Statements are QueryBuilder-portable (SQLite now, PostgreSQL later); ISO timestamps compare
 * lexicographically.
 */
@Injectable()
export class MaintenanceRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** ACTIVE registration tokens past `expiresAt` become EXPIRED. */
  expireRegistrationTokens(now: string): Promise<number> {
    return this.updateInBatches(
      RegistrationTokenEntity,
      (em) =>
        em
          .createQueryBuilder(RegistrationTokenEntity, 't')
          .select('t.id', 'id')
          .where("t.status = 'ACTIVE'")
          .andWhere('t.expiresAt IS NOT NULL')
          .andWhere('t.expiresAt < :now', { now }),
      { status: 'EXPIRED', updatedAt: now },
      "status = 'ACTIVE'",
    );
  }

  /**
   * ONLINE/PENDING agents whose last heartbeat is older than the cutoff become OFFLINE. Returns the
   * ids changed so the service can audit each one inside the same batch transaction.
   */
  async markAgentsOffline(now: string, cutoff: string, onBatch: (em: EntityManager, agentIds: string[]) => Promise<void>): Promise<string[]> {
    const changedIds: string[] = [];
    for (;;) {
      const batch = await this.tx.run(async (em) => {
        const ids = await this.ids(this.staleAgents(em, cutoff));
        if (ids.length === 0) return [];
        await em
          .createQueryBuilder()
          .update(AgentEntity)
          .set({ status: 'OFFLINE', updatedAt: now })
          .where('id IN (:...ids)', { ids })
          .andWhere("status IN ('ONLINE', 'PENDING')")
          .execute();
        await onBatch(em, ids);
        return ids;
      });
      changedIds.push(...batch);
      if (batch.length < SWEEP_BATCH_SIZE) break;
      await pauseBetweenBatches();
    }
    return changedIds;
  }

  /** Services of OFFLINE agents follow their agent (status OFFLINE, health UNKNOWN). */
  markServicesOfOfflineAgents(now: string): Promise<number> {
    return this.updateInBatches(
      CapsuleServiceEntity,
      (em) =>
        em
          .createQueryBuilder(CapsuleServiceEntity, 's')
          .select('s.id', 'id')
          .innerJoin(AgentEntity, 'a', 'a.id = s.agentId')
          .where("a.status = 'OFFLINE'")
          .andWhere("s.status <> 'OFFLINE'"),
      { status: 'OFFLINE', healthStatus: 'UNKNOWN', updatedAt: now },
      "status <> 'OFFLINE'",
    );
  }

  /** Audit rows older than the cutoff. */
  pruneAudit(cutoff: string): Promise<number> {
    return this.deleteInBatches(AuditEventEntity, (em) =>
      em.createQueryBuilder(AuditEventEntity, 'e').select('e.id', 'id').where('e.createdAt < :cutoff', { cutoff }),
    );
  }

  /**
   * Terminal commands finished before the cutoff, with their results (deleted first, explicitly).
   * Returns how many were deleted per status, so outcome counters can stay monotonic.
   */
  async pruneCommands(cutoff: string): Promise<Record<string, number>> {
    const byStatus: Record<string, number> = {};
    for (;;) {
      const rows = await this.tx.run(async (em) => {
        const batch = await em
          .createQueryBuilder(CommandEntity, 'c')
          .select('c.id', 'id')
          .addSelect('c.status', 'status')
          .where('c.status IN (:...done)', { done: [...TERMINAL_STATUSES] })
          .andWhere('COALESCE(c.completedAt, c.updatedAt) < :cutoff', { cutoff })
          .limit(SWEEP_BATCH_SIZE)
          .getRawMany<{ id: string; status: string }>();
        if (batch.length === 0) return batch;
        const ids = batch.map((r) => r.id);
        await em.createQueryBuilder().delete().from(CommandResultEntity).where('commandId IN (:...ids)', { ids }).execute();
        await em.createQueryBuilder().delete().from(CommandEntity).where('id IN (:...ids)', { ids }).execute();
        return batch;
      });
      for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      if (rows.length < SWEEP_BATCH_SIZE) break;
      await pauseBetweenBatches();
    }
    return byStatus;
  }

  /**
   * Keeps the newest `keep` health reports per service. Only services over the limit are visited,
   * each one with an index range delete below its `keep`-th newest row (no whole-table window scan).
   */
  async pruneHealthReports(keep: number): Promise<number> {
    const over = await this.tx.manager
      .createQueryBuilder(HealthReportEntity, 'h')
      .select('h.serviceId', 'serviceId')
      .groupBy('h.serviceId')
      .having('COUNT(*) > :keep', { keep })
      .getRawMany<{ serviceId: string }>();
    let total = 0;
    for (const { serviceId } of over) {
      const boundary = await this.tx.manager
        .createQueryBuilder(HealthReportEntity, 'h')
        .select(['h.id', 'h.reportedAt'])
        .where('h.serviceId = :serviceId', { serviceId })
        .orderBy('h.reportedAt', 'DESC')
        .addOrderBy('h.id', 'DESC')
        .offset(keep - 1)
        .limit(1)
        .getOne();
      if (!boundary) continue;
      total += await this.deleteInBatches(HealthReportEntity, (em) =>
        em
          .createQueryBuilder(HealthReportEntity, 'h')
          .select('h.id', 'id')
          .where('h.serviceId = :serviceId', { serviceId })
          .andWhere(
            new Brackets((qb) =>
              qb
                .where('h.reportedAt < :at', { at: boundary.reportedAt })
                .orWhere('(h.reportedAt = :at AND h.id < :bid)', { at: boundary.reportedAt, bid: boundary.id }),
            ),
          ),
      );
    }
    return total;
  }

  pruneSessions(now: string): Promise<number> {
    return this.deleteInBatches(SessionEntity, (em) =>
      em.createQueryBuilder(SessionEntity, 's').select('s.id', 'id').where('s.expiresAt < :now', { now }),
    );
  }

  /** Login-throttle windows that opened before `cutoff` have ended and count nothing. */
  async pruneLoginThrottle(cutoff: string): Promise<number> {
    const res = await this.tx.manager.createQueryBuilder().delete().from(LoginThrottleEntity).where('windowStart <= :cutoff', { cutoff }).execute();
    return res.affected ?? 0;
  }

  pruneRevokedAgentTokens(cutoff: string): Promise<number> {
    return this.deleteInBatches(AgentTokenEntity, (em) =>
      em
        .createQueryBuilder(AgentTokenEntity, 't')
        .select('t.id', 'id')
        .where("t.status = 'REVOKED'")
        .andWhere('COALESCE(t.revokedAt, t.updatedAt) < :cutoff', { cutoff }),
    );
  }

  /** By table name: the bus module sits above maintenance in the module graph, so its entity is not imported. */
  pruneBusEvents(cutoff: string): Promise<number> {
    return this.deleteInBatches('bus_events', (em) =>
      em.createQueryBuilder().select('b.id', 'id').from('bus_events', 'b').where('b."acceptedAt" < :cutoff', { cutoff }),
    );
  }

  /**
   * Safety net for decision 8: one-time result data past its deadline, and sealed payloads of
   * commands already terminal, are wiped even if the path that should have wiped them did not run.
   */
  async wipeSealedSecrets(now: string): Promise<number> {
    const results = await this.updateInBatches(
      CommandResultEntity,
      (em) =>
        em
          .createQueryBuilder(CommandResultEntity, 'r')
          .select('r.id', 'id')
          .where('r.sealedData IS NOT NULL')
          .andWhere('r.sealedExpiresAt IS NOT NULL')
          .andWhere('r.sealedExpiresAt < :now', { now }),
      { sealedData: null },
      '"sealedData" IS NOT NULL',
    );
    const payloads = await this.updateInBatches(
      CommandEntity,
      (em) =>
        em
          .createQueryBuilder(CommandEntity, 'c')
          .select('c.id', 'id')
          .where('c.sealedPayload IS NOT NULL')
          .andWhere('c.status IN (:...done)', { done: [...TERMINAL_STATUSES] }),
      { sealedPayload: null },
      '"sealedPayload" IS NOT NULL',
    );
    return results + payloads;
  }

  private staleAgents(em: EntityManager, cutoff: string): SelectQueryBuilder<ObjectLiteral> {
    return em
      .createQueryBuilder(AgentEntity, 'a')
      .select('a.id', 'id')
      .where("a.status IN ('ONLINE', 'PENDING')")
      .andWhere('a.lastHeartbeatAt IS NOT NULL')
      .andWhere('a.lastHeartbeatAt < :cutoff', { cutoff })
      .orderBy('a.id');
  }

  private async ids(query: SelectQueryBuilder<ObjectLiteral>): Promise<string[]> {
    const rows = await query.limit(SWEEP_BATCH_SIZE).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  private async deleteInBatches(entity: EntityTarget<ObjectLiteral>, select: IdBatchQuery): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.tx.run(async (em) => {
        const ids = await this.ids(select(em));
        if (ids.length === 0) return 0;
        await em.createQueryBuilder().delete().from(entity).where('id IN (:...ids)', { ids }).execute();
        return ids.length;
      });
      total += deleted;
      if (deleted < SWEEP_BATCH_SIZE) break;
      await pauseBetweenBatches();
    }
    return total;
  }

  /** `guard` re-checks the condition in the UPDATE itself, so a row changed meanwhile is left alone. */
  private async updateInBatches(
    entity: EntityTarget<ObjectLiteral>,
    select: IdBatchQuery,
    values: ObjectLiteral,
    guard: string,
    parameters: ObjectLiteral = {},
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const changed = await this.tx.run(async (em) => {
        const ids = await this.ids(select(em));
        if (ids.length === 0) return { selected: 0, affected: 0 };
        const result = await em.createQueryBuilder().update(entity).set(values).where('id IN (:...ids)', { ids }).andWhere(guard).setParameters(parameters).execute();
        return { selected: ids.length, affected: result.affected ?? ids.length };
      });
      total += changed.affected;
      if (changed.selected < SWEEP_BATCH_SIZE) break;
      await pauseBetweenBatches();
    }
    return total;
  }
}
