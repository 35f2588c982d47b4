import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';

/** Read-only view of the audit log restricted to `bus.*` actions (the bus audit tab). */
@Injectable()
export class BusAuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  list(offset: number, limit: number, em: EntityManager = this.tx.manager): Promise<[AuditEventEntity[], number]> {
    return findPage(
      em
        .createQueryBuilder(AuditEventEntity, 'a')
        .where('a.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
        .andWhere('a.action LIKE :prefix', { prefix: 'bus.%' })
        .orderBy('a.createdAt', 'DESC')
        .addOrderBy('a.id', 'DESC'),
      offset,
      limit,
    );
  }
}
