import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { ApiTokenEntity } from './api-token.entity';
import type { Tx } from '../database/transaction';
import type { ApiTokenStatus } from '../contracts';

export interface ApiTokenListFilter {
  status?: ApiTokenStatus;
  nowIso: string;
  offset: number;
  limit: number;
}

/** Every query on `api_tokens`. */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<ApiTokenEntity | null> {
    return em.findOne(ApiTokenEntity, { where: { id } });
  }

  findByHash(tokenHash: string, em: EntityManager = this.tx.manager): Promise<ApiTokenEntity | null> {
    return em.findOne(ApiTokenEntity, { where: { tokenHash } });
  }

  async insert(row: ApiTokenEntity, em: Tx): Promise<void> {
    await em.insert(ApiTokenEntity, row);
  }

  /** ACTIVE → REVOKED once (docs/design/decisions.md, "Once-only transitions"); false when it was not ACTIVE. */
  async revoke(id: string, nowIso: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ status: 'REVOKED', revokedAt: nowIso, updatedAt: nowIso })
      .where("id = :id AND status = 'ACTIVE' AND expiresAt > :now", { id, now: nowIso })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** The write-behind last use; `lastUsedAt` only moves forward. */
  async touch(id: string, atIso: string, ip: string | null, em: Tx): Promise<void> {
    await em
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ lastUsedAt: atIso, lastUsedIp: ip })
      .where('id = :id AND (lastUsedAt IS NULL OR lastUsedAt < :at)', { id, at: atIso })
      .execute();
  }

  /** Sweep step, one batch: tokens revoked or expired before the cutoff. */
  purgeBatch(cutoffIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(ApiTokenEntity, 't')
      .select('t.id', 'id')
      .where(
        new Brackets((b) => {
          b.where("t.status = 'REVOKED' AND t.revokedAt < :cutoff").orWhere('t.expiresAt < :cutoff');
        }),
      )
      .setParameter('cutoff', cutoffIso);
    return deleteBatch(em, ApiTokenEntity, select, limit);
  }

  async list(
    filter: ApiTokenListFilter,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: ApiTokenEntity[]; total: number }> {
    const qb = em.createQueryBuilder(ApiTokenEntity, 't').where('t.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    const now = { now: filter.nowIso };
    if (filter.status === 'ACTIVE') qb.andWhere("t.status = 'ACTIVE' AND t.expiresAt > :now", now);
    else if (filter.status === 'EXPIRED') qb.andWhere("t.status = 'ACTIVE' AND t.expiresAt <= :now", now);
    else if (filter.status === 'REVOKED') qb.andWhere("t.status = 'REVOKED'");
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
    return { rows, total };
  }
}
