import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID, WorkspaceEntity } from './workspace.entity';
import type { Tx } from '../database/transaction';

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Inserts `wks_default` unless it exists; returns true when it was created. */
  async ensureDefault(now: string, em: Tx): Promise<boolean> {
    const existing = await em.findOne(WorkspaceEntity, { where: { id: DEFAULT_WORKSPACE_ID } });
    if (existing) return false;
    await em.insert(WorkspaceEntity, {
      id: DEFAULT_WORKSPACE_ID,
      code: 'default',
      name: 'Default Workspace',
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
    });
    return true;
  }

  findDefault(em: EntityManager = this.tx.manager): Promise<WorkspaceEntity | null> {
    return em.findOne(WorkspaceEntity, { where: { id: DEFAULT_WORKSPACE_ID } });
  }
}
