import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '../index';
import { WebhookDeliveryEntity, type WebhookDeliveryStatus } from './webhook-delivery.entity';

export type DeliveryUpdate = Partial<
  Pick<WebhookDeliveryEntity, 'status' | 'attempts' | 'responseStatus' | 'lastError' | 'updatedAt' | 'deliveredAt'>
>;

/** Every query on the delivery log. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(row: WebhookDeliveryEntity, em: Tx): Promise<void> {
    await em.getRepository(WebhookDeliveryEntity).insert(row);
  }

  /** Records an attempt of a delivery `holder` holds; false (nothing written) when another replica took it over. */
  async update(id: string, holder: string, patch: DeliveryUpdate): Promise<boolean> {
    const done = patch.status !== undefined && patch.status !== 'PENDING';
    const res = await this.tx.manager
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set(done ? { ...patch, holder: null, leaseUntil: null } : patch)
      .where('"id" = :id AND "holder" = :holder', { id, holder })
      .execute();
    return res.affected === 1;
  }

  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.tx.manager.getRepository(WebhookDeliveryEntity).findOneBy({ id });
  }

  async list(filter: {
    status?: WebhookDeliveryStatus;
    offset: number;
    limit: number;
  }): Promise<{ rows: WebhookDeliveryEntity[]; total: number }> {
    const [rows, total] = await this.tx.manager.getRepository(WebhookDeliveryEntity).findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: filter.offset,
      take: filter.limit,
    });
    return { rows, total };
  }

  /**
   * Takes over, oldest first, PENDING deliveries that nobody holds (released at shutdown) or whose
   * lease ran out (their replica died): a conditional UPDATE makes `holder` the new holder, so of
   * two replicas claiming at once only one gets a row. On PostgreSQL the candidates are also read
   * `FOR UPDATE SKIP LOCKED`, so a concurrent claimer passes over them instead of waiting.
   */
  claimFree(holder: string, now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    const free = '"status" = :status AND ("leaseUntil" IS NULL OR "leaseUntil" <= :now)';
    return this.tx.run(async (em) => {
      const query = em
        .getRepository(WebhookDeliveryEntity)
        .createQueryBuilder('d')
        .where('d.status = :status AND (d.leaseUntil IS NULL OR d.leaseUntil <= :now)', { status: 'PENDING', now })
        .orderBy('d.createdAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(limit);
      if (em.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const claimed: WebhookDeliveryEntity[] = [];
      for (const row of await query.getMany()) {
        const res = await em
          .createQueryBuilder()
          .update(WebhookDeliveryEntity)
          .set({ holder, leaseUntil })
          .where(`"id" = :id AND ${free}`, { id: row.id, status: 'PENDING', now })
          .execute();
        if (res.affected === 1) claimed.push({ ...row, holder, leaseUntil });
      }
      return claimed;
    });
  }

  /** Extends `holder`'s lease on a PENDING delivery; false when another replica has taken it over. */
  async renew(id: string, holder: string, leaseUntil: string): Promise<boolean> {
    const res = await this.tx.manager
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ leaseUntil })
      .where('"id" = :id AND "status" = :status AND "holder" = :holder', { id, status: 'PENDING', holder })
      .execute();
    return res.affected === 1;
  }

  /** Shutdown: every PENDING delivery `holder` still holds becomes free for the next claimer at once. */
  async release(holder: string): Promise<number> {
    const res = await this.tx.manager
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ holder: null, leaseUntil: null })
      .where('"holder" = :holder AND "status" = :status', { holder, status: 'PENDING' })
      .execute();
    return res.affected ?? 0;
  }
}
