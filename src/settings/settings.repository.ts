import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { SystemSettingEntity } from './system-setting.entity';
import type { Tx } from '../database/transaction';

@Injectable()
export class SettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<SystemSettingEntity | null> {
    return em.findOne(SystemSettingEntity, { where: { id } });
  }

  async save(row: SystemSettingEntity, em: Tx): Promise<void> {
    await em.save(SystemSettingEntity, row);
  }

  async delete(id: string, em: Tx): Promise<void> {
    await em.delete(SystemSettingEntity, { id });
  }
}
