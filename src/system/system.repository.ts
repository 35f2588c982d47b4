import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawQuery } from '../database/raw-query';
import { TransactionRunner } from '../database/transaction-runner';
import { SystemCounterEntity } from './system-counter.entity';
import type { Tx } from '../database/transaction';

@Injectable()
export class SystemRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async ping(): Promise<void> {
    await this.tx.manager.query('SELECT 1');
  }

  readCounters(em: EntityManager = this.tx.manager): Promise<SystemCounterEntity[]> {
    return em.find(SystemCounterEntity);
  }

  /** Adds deltas with one upsert per key (`ON CONFLICT` works on SQLite and PostgreSQL; placeholders need the driver's style). */
  async addToCounters(deltas: Map<string, number>, now: string, em: Tx): Promise<void> {
    for (const [key, delta] of deltas) {
      await rawQuery(
        em,
        'INSERT INTO system_counters ("key", "value", "updatedAt") VALUES (:key, :delta, :now) ' +
          'ON CONFLICT ("key") DO UPDATE SET "value" = system_counters."value" + excluded."value", "updatedAt" = excluded."updatedAt"',
        { key, delta, now },
      );
    }
  }
}
