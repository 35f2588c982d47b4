import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import type { NotificationDeliveryStatus } from '../contracts';

export type DeliveryOutcomePatch = Pick<NotificationDeliveryEntity, 'status' | 'attempts' | 'lastError' | 'updatedAt'> &
  Partial<Pick<NotificationDeliveryEntity, 'nextAttemptAt' | 'sentAt'>>;

/** Every query on the delivery outbox `notification_deliveries`. */
@Injectable()
export class NotificationDeliveriesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(rows: readonly NotificationDeliveryEntity[], em: Tx): Promise<void> {
    if (rows.length > 0) await em.insert(NotificationDeliveryEntity, [...rows]);
  }

  /**
   * Takes the lease on due PENDING deliveries nobody holds (or whose holder's lease ran out), oldest
   * due first, at most one per channel and none of `busy` (channels this process is already sending
   * to), so one channel's messages go out in order and a slow channel holds one slot only. The
   * conditional UPDATE gives each row to one claimer; on PostgreSQL the candidates are also read
   * `FOR UPDATE SKIP LOCKED`, so a concurrent claimer passes over them instead of waiting.
   */
  claimDue(
    owner: string,
    nowIso: string,
    leaseUntil: string,
    limit: number,
    busy: ReadonlySet<string>,
  ): Promise<NotificationDeliveryEntity[]> {
    const free = `"status" = 'pending' AND "nextAttemptAt" <= :now AND ("leaseUntil" IS NULL OR "leaseUntil" <= :now)`;
    return this.tx.run(async (em) => {
      const query = em
        .createQueryBuilder(NotificationDeliveryEntity, 'd')
        .where("d.status = 'pending' AND d.nextAttemptAt <= :now AND (d.leaseUntil IS NULL OR d.leaseUntil <= :now)", {
          now: nowIso,
        })
        .orderBy('d.nextAttemptAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(limit * 4);
      if (busy.size > 0) query.andWhere('d.channelId NOT IN (:...busy)', { busy: [...busy] });
      if (em.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const claimed: NotificationDeliveryEntity[] = [];
      const channels = new Set<string>();
      for (const row of await query.getMany()) {
        if (claimed.length >= limit) break;
        if (channels.has(row.channelId)) continue;
        const res = await em
          .createQueryBuilder()
          .update(NotificationDeliveryEntity)
          .set({ leaseOwner: owner, leaseUntil })
          .where(`"id" = :id AND ${free}`, { id: row.id, now: nowIso })
          .execute();
        if (res.affected === 1) {
          channels.add(row.channelId);
          claimed.push({ ...row, leaseOwner: owner, leaseUntil });
        }
      }
      return claimed;
    });
  }

  /** Records an attempt of a delivery `owner` holds and gives the lease back; false when another replica took it. */
  async recordAttempt(id: string, owner: string, patch: DeliveryOutcomePatch): Promise<boolean> {
    const res = await this.tx.manager
      .createQueryBuilder()
      .update(NotificationDeliveryEntity)
      .set({ ...patch, leaseOwner: null, leaseUntil: null })
      .where(`"id" = :id AND "leaseOwner" = :owner AND "status" = 'pending'`, { id, owner })
      .execute();
    return res.affected === 1;
  }

  /** Shutdown: what this process still holds becomes free for the next claimer at once. */
  async release(owner: string): Promise<number> {
    const res = await this.tx.manager
      .createQueryBuilder()
      .update(NotificationDeliveryEntity)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(`"leaseOwner" = :owner AND "status" = 'pending'`, { owner })
      .execute();
    return res.affected ?? 0;
  }

  /** A deleted channel: its waiting deliveries end as failed rather than waiting forever. */
  async failPendingOfChannel(channelId: string, nowIso: string, em: Tx): Promise<void> {
    await em
      .createQueryBuilder()
      .update(NotificationDeliveryEntity)
      .set({
        status: 'failed',
        lastError: 'channel deleted',
        nextAttemptAt: null,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: nowIso,
      })
      .where(`"channelId" = :channelId AND "status" = 'pending'`, { channelId })
      .execute();
  }

  async list(
    filter: { channelId?: string; status?: NotificationDeliveryStatus; offset: number; limit: number },
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: NotificationDeliveryEntity[]; total: number }> {
    const qb = em.createQueryBuilder(NotificationDeliveryEntity, 'd');
    if (filter.channelId) qb.andWhere('d.channelId = :channelId', { channelId: filter.channelId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    const [rows, total] = await findPage(
      qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC'),
      filter.offset,
      filter.limit,
    );
    return { rows, total };
  }

  /** Retention, one batch: sent or failed deliveries created before the cutoff. */
  pruneFinishedBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(NotificationDeliveryEntity, 'd')
      .select('d.id', 'id')
      .where("d.status IN ('sent', 'failed') AND d.createdAt < :cutoff", { cutoff: cutoffIso });
    return deleteBatch(em, NotificationDeliveryEntity, select, limit);
  }
}
