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

  async update(id: string, patch: DeliveryUpdate): Promise<void> {
    await this.tx.manager.getRepository(WebhookDeliveryEntity).update({ id }, patch);
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

  /** Oldest first: deliveries a previous process left unfinished. */
  pending(limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.tx.manager
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { status: 'PENDING' }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }
}
