import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import { NotificationChannelEntity } from './notification-channel.entity';
import { NotificationRuleEntity } from './notification-rule.entity';
import type { NotificationChannelStatus } from '../contracts';

/** Every query on `notification_channels` and `notification_rules`. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findChannel(id: string, em: EntityManager = this.tx.manager): Promise<NotificationChannelEntity | null> {
    return em.findOne(NotificationChannelEntity, { where: { id } });
  }

  async channelsByIds(
    ids: readonly string[],
    em: EntityManager = this.tx.manager,
  ): Promise<NotificationChannelEntity[]> {
    if (ids.length === 0) return [];
    return em
      .createQueryBuilder(NotificationChannelEntity, 'c')
      .where('c.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  async listChannels(
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: NotificationChannelEntity[]; total: number }> {
    const qb = em.createQueryBuilder(NotificationChannelEntity, 'c');
    const [rows, total] = await findPage(qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC'), offset, limit);
    return { rows, total };
  }

  async insertChannel(row: NotificationChannelEntity, em: Tx): Promise<void> {
    await em.insert(NotificationChannelEntity, row);
  }

  async updateChannel(id: string, patch: Partial<NotificationChannelEntity>, em: Tx): Promise<void> {
    await em.update(NotificationChannelEntity, { id }, patch);
  }

  async deleteChannel(id: string, em: Tx): Promise<void> {
    await em.delete(NotificationChannelEntity, { id });
  }

  /** After an attempt: `ok` clears the error, `failing` records it; `lastDeliveryAt` is the attempt's time. */
  async recordChannelOutcome(
    id: string,
    status: Exclude<NotificationChannelStatus, 'untested'>,
    error: string | null,
    atIso: string,
  ): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(NotificationChannelEntity)
      .set({ status, lastError: error, lastDeliveryAt: atIso })
      .where('id = :id', { id })
      .execute();
  }

  findRule(id: string, em: EntityManager = this.tx.manager): Promise<NotificationRuleEntity | null> {
    return em.findOne(NotificationRuleEntity, { where: { id } });
  }

  allRules(em: EntityManager = this.tx.manager): Promise<NotificationRuleEntity[]> {
    return em.find(NotificationRuleEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async listRules(
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: NotificationRuleEntity[]; total: number }> {
    const qb = em.createQueryBuilder(NotificationRuleEntity, 'r');
    const [rows, total] = await findPage(qb.orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC'), offset, limit);
    return { rows, total };
  }

  async insertRule(row: NotificationRuleEntity, em: Tx): Promise<void> {
    await em.insert(NotificationRuleEntity, row);
  }

  async updateRule(id: string, patch: Partial<NotificationRuleEntity>, em: Tx): Promise<void> {
    await em.update(NotificationRuleEntity, { id }, patch);
  }

  async deleteRule(id: string, em: Tx): Promise<void> {
    await em.delete(NotificationRuleEntity, { id });
  }
}
