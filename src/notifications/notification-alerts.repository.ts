import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import { NotificationAlertEntity } from './notification-alert.entity';
import type { NotificationAlertState } from '../contracts';

/** Every query on `notification_alerts`. */
@Injectable()
export class NotificationAlertsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Pending and firing alerts, the ones an evaluation looks at. */
  open(em: EntityManager = this.tx.manager): Promise<NotificationAlertEntity[]> {
    return em
      .createQueryBuilder(NotificationAlertEntity, 'a')
      .where("a.state IN ('pending', 'firing')")
      .orderBy('a.openedAt', 'ASC')
      .getMany();
  }

  /** Inserts a pending alert; false when another one for the same rule and subject is already open. */
  async insertIfNone(row: NotificationAlertEntity, em: Tx): Promise<boolean> {
    if (row.openKey === null) return false;
    const existing = await em.findOne(NotificationAlertEntity, { where: { openKey: row.openKey } });
    if (existing) return false;
    await em.insert(NotificationAlertEntity, row);
    return true;
  }

  /** One transition, only from the state the caller saw (docs/design/decisions.md, "Once-only transitions"). */
  async transition(
    id: string,
    from: NotificationAlertState,
    patch: Partial<NotificationAlertEntity>,
    em: Tx,
  ): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(NotificationAlertEntity)
      .set(patch)
      .where('id = :id AND state = :from', { id, from })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async list(
    filter: { state?: NotificationAlertState; offset: number; limit: number },
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: NotificationAlertEntity[]; total: number }> {
    const qb = em.createQueryBuilder(NotificationAlertEntity, 'a');
    if (filter.state) qb.where('a.state = :state', { state: filter.state });
    const [rows, total] = await findPage(
      qb.orderBy('a.openedAt', 'DESC').addOrderBy('a.id', 'DESC'),
      filter.offset,
      filter.limit,
    );
    return { rows, total };
  }

  /** Retention, one batch: alerts that ended before the cutoff. */
  pruneClosedBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(NotificationAlertEntity, 'a')
      .select('a.id', 'id')
      .where("a.state IN ('resolved', 'cancelled') AND a.resolvedAt < :cutoff", { cutoff: cutoffIso });
    return deleteBatch(em, NotificationAlertEntity, select, limit);
  }
}
