import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditEventEntity } from './audit-event.entity';

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(row: AuditEventEntity, em: EntityManager = this.tx.manager): Promise<void> {
    await em.insert(AuditEventEntity, row);
  }
}
