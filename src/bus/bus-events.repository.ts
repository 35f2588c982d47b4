import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { BusEventEntity } from './bus-event.entity';
import type { Tx } from '../database/transaction';

export interface BusEventFilter {
  eventType?: string;
  serviceCode?: string;
  agentId?: string;
}

/** Namespace of the per-agent rate-window locks among PostgreSQL advisory locks. */
const BUS_RATE_LOCK_NAMESPACE = 0x4f51;

@Injectable()
export class BusEventsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(row: BusEventEntity, em: Tx): Promise<void> {
    await em.insert(BusEventEntity, row);
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<BusEventEntity | null> {
    return em.findOne(BusEventEntity, { where: { id, workspaceId: DEFAULT_WORKSPACE_ID } });
  }

  /**
   * Serialises this agent's publishes until `em` commits, so the window count and the insert that
   * follows it act as one step on every replica: a transaction-scoped advisory lock on PostgreSQL
   * (a second publish of the agent waits for the first to commit, then counts its row). SQLite
   * needs nothing: its top-level transactions already run one at a time.
   */
  async lockAgentWindow(agentId: string, em: Tx): Promise<void> {
    if (em.connection.options.type !== 'postgres') return;
    await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BUS_RATE_LOCK_NAMESPACE, agentId]);
  }

  /** Events of this agent accepted after `sinceIso` (the sliding rate window). */
  countSince(agentId: string, sinceIso: string, em: EntityManager = this.tx.manager): Promise<number> {
    return em
      .createQueryBuilder(BusEventEntity, 'e')
      .where('e.agentId = :agentId', { agentId })
      .andWhere('e.acceptedAt > :since', { since: sinceIso })
      .getCount();
  }

  /** `acceptedAt` of the n-th oldest (0-based) event of this agent inside the window, if any. */
  async nthAcceptedSince(
    agentId: string,
    sinceIso: string,
    n: number,
    em: EntityManager = this.tx.manager,
  ): Promise<string | null> {
    const row = await em
      .createQueryBuilder(BusEventEntity, 'e')
      .select('e.acceptedAt', 'acceptedAt')
      .where('e.agentId = :agentId', { agentId })
      .andWhere('e.acceptedAt > :since', { since: sinceIso })
      .orderBy('e.acceptedAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .offset(n)
      .limit(1)
      .getRawOne<{ acceptedAt: string }>();
    return row?.acceptedAt ?? null;
  }

  async setRouteCount(id: string, routeCount: number, em: Tx): Promise<void> {
    await em.update(BusEventEntity, { id }, { routeCount });
  }

  /** Newest first; ULID ids break ties inside one millisecond. */
  list(
    filter: BusEventFilter,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<[BusEventEntity[], number]> {
    const qb = em.createQueryBuilder(BusEventEntity, 'e').where('e.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    if (filter.eventType) qb.andWhere('e.eventType = :eventType', { eventType: filter.eventType });
    if (filter.serviceCode) qb.andWhere('e.serviceCode = :serviceCode', { serviceCode: filter.serviceCode });
    if (filter.agentId) qb.andWhere('e.agentId = :agentId', { agentId: filter.agentId });
    return findPage(qb.orderBy('e.acceptedAt', 'DESC').addOrderBy('e.id', 'DESC'), offset, limit);
  }

  /** Retention sweep step, one batch: events accepted before the cutoff. */
  pruneBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    return deleteBatch(
      em,
      BusEventEntity,
      em
        .createQueryBuilder(BusEventEntity, 'b')
        .select('b.id', 'id')
        .where('b.acceptedAt < :cutoff', { cutoff: cutoffIso }),
      limit,
    );
  }
}
