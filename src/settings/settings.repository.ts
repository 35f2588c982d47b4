import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { SystemSettingEntity } from './system-setting.entity';

@Injectable()
export class SettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<SystemSettingEntity | null> {
    return em.findOne(SystemSettingEntity, { where: { id } });
  }

  async save(row: SystemSettingEntity, em: EntityManager = this.tx.manager): Promise<void> {
    await em.save(SystemSettingEntity, row);
  }

  async delete(id: string, em: EntityManager = this.tx.manager): Promise<void> {
    await em.delete(SystemSettingEntity, { id });
  }
}
