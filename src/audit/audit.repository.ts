import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../common/http/query-list';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { findPage } from '../database/list-query';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { AuditEventEntity } from './audit-event.entity';
import type { Tx } from '../database/transaction';
import type { AuditActorType, AuditResult } from '../contracts';

export interface AuditFilter {
  actorType?: AuditActorType;
  result?: AuditResult;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive ISO bounds on createdAt. */
  from?: string;
  to?: string;
  /** Substring of action, target type/id, actor id or message. */
  q?: string;
}

/** Position after the last row of a keyset page (createdAt desc, id desc). */
export interface AuditCursor {
  createdAt: string;
  id: string;
}

const INSERT_SQL = `INSERT INTO "audit_events" ("id", "workspaceId", "actorType", "actorId", "action", "targetType", "targetId",
  "result", "message", "ipAddress", "userAgent", "metadataJson", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

@Injectable()
export class AuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Every audited action, and with a large fleet thousands of sampled heartbeats after a restart:
   * a fixed INSERT as a prepared statement (`TransactionRunner.execute`), in the caller's
   * transaction when `em` is given, instead of the query builder (several times the insert).
   */
  async insert(row: AuditEventEntity, em: Tx): Promise<void> {
    await this.tx.execute(
      INSERT_SQL,
      [
        row.id,
        row.workspaceId,
        row.actorType,
        row.actorId,
        row.action,
        row.targetType,
        row.targetId,
        row.result,
        row.message,
        row.ipAddress,
        row.userAgent,
        row.metadataJson,
        row.createdAt,
      ],
      em,
    );
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<AuditEventEntity | null> {
    return em.findOne(AuditEventEntity, { where: { id, workspaceId: DEFAULT_WORKSPACE_ID } });
  }

  /** Newest first; ULID ids break ties inside one millisecond so pages are stable. */
  list(
    filter: AuditFilter,
    offset: number,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<[AuditEventEntity[], number]> {
    return findPage(this.filtered(filter, em).orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC'), offset, limit);
  }

  /**
   * One keyset page for the export: constant cost per page however deep the export goes,
   * unlike OFFSET, and rows inserted meanwhile never shift the pages.
   */
  page(
    filter: AuditFilter,
    after: AuditCursor | null,
    limit: number,
    em: EntityManager = this.tx.manager,
  ): Promise<AuditEventEntity[]> {
    const qb = this.filtered(filter, em);
    if (after) {
      qb.andWhere('a.createdAt <= :cAt', { cAt: after.createdAt }).andWhere('(a.createdAt < :cAt OR a.id < :cId)', {
        cAt: after.createdAt,
        cId: after.id,
      });
    }
    return qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }

  /** Sweep step, one batch: rows older than the cutoff. */
  pruneBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    return deleteBatch(
      em,
      AuditEventEntity,
      em
        .createQueryBuilder(AuditEventEntity, 'e')
        .select('e.id', 'id')
        .where('e.createdAt < :cutoff', { cutoff: cutoffIso }),
      limit,
    );
  }

  private filtered(filter: AuditFilter, em: EntityManager): SelectQueryBuilder<AuditEventEntity> {
    const qb = em.createQueryBuilder(AuditEventEntity, 'a').where('a.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    if (filter.actorType) qb.andWhere('a.actorType = :actorType', { actorType: filter.actorType });
    if (filter.result) qb.andWhere('a.result = :result', { result: filter.result });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetType) qb.andWhere('a.targetType = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.targetId = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt <= :to', { to: filter.to });
    if (filter.q) {
      const columns = ['a.action', 'a.targetType', 'a.targetId', 'a.actorId', 'a.message'];
      qb.andWhere(`(${columns.map((c) => `LOWER(COALESCE(${c}, '')) LIKE LOWER(:q) ESCAPE '\\'`).join(' OR ')})`, {
        q: containsPattern(filter.q),
      });
    }
    return qb;
  }
}
