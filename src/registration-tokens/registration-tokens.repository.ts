import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateBatch, type BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { RegistrationTokenEntity } from './registration-token.entity';
import type { Tx } from '../database/transaction';
import type { RegistrationTokenStatus } from '../contracts';

export interface TokenListFilter {
  /** Status as shown (EXPIRED includes ACTIVE rows past `expiresAt` the sweep has not marked yet). */
  status?: RegistrationTokenStatus;
  nowIso: string;
  offset: number;
  limit: number;
}

@Injectable()
export class RegistrationTokensRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<RegistrationTokenEntity | null> {
    return em.findOne(RegistrationTokenEntity, { where: { id } });
  }

  findByHash(tokenHash: string, em: EntityManager = this.tx.manager): Promise<RegistrationTokenEntity | null> {
    return em.findOne(RegistrationTokenEntity, { where: { tokenHash } });
  }

  async insert(row: RegistrationTokenEntity, em: Tx): Promise<void> {
    await em.insert(RegistrationTokenEntity, row);
  }

  /** ACTIVE → `to`, only if still ACTIVE (and unexpired when `notExpiredAt` is given): the once-only transition
   * (docs/design/decisions.md, "Once-only transitions"). */
  async transitionFromActive(
    id: string,
    patch: Partial<RegistrationTokenEntity>,
    notExpiredAt: string | null,
    em: Tx,
  ): Promise<boolean> {
    const qb = em
      .createQueryBuilder()
      .update(RegistrationTokenEntity)
      .set(patch)
      .where("id = :id AND status = 'ACTIVE'", { id });
    if (notExpiredAt) qb.andWhere('("expiresAt" IS NULL OR "expiresAt" >= :now)', { now: notExpiredAt });
    const res = await qb.execute();
    return (res.affected ?? 0) === 1;
  }

  async delete(id: string, em: Tx): Promise<number> {
    const res = await em.delete(RegistrationTokenEntity, { id });
    return res.affected ?? 0;
  }

  /** Sweep step, one batch: ACTIVE tokens past `expiresAt` become EXPIRED. */
  expireDue(nowIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(RegistrationTokenEntity, 't')
      .select('t.id', 'id')
      .where("t.status = 'ACTIVE'")
      .andWhere('t.expiresAt IS NOT NULL')
      .andWhere('t.expiresAt < :now', { now: nowIso });
    return updateBatch(
      em,
      RegistrationTokenEntity,
      select,
      { status: 'EXPIRED', updatedAt: nowIso },
      "status = 'ACTIVE'",
      limit,
    );
  }

  async list(
    filter: TokenListFilter,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: RegistrationTokenEntity[]; total: number }> {
    const qb = em
      .createQueryBuilder(RegistrationTokenEntity, 't')
      .where('t.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    const now = { now: filter.nowIso };
    if (filter.status === 'ACTIVE')
      qb.andWhere("t.status = 'ACTIVE' AND (t.expiresAt IS NULL OR t.expiresAt >= :now)", now);
    else if (filter.status === 'EXPIRED')
      qb.andWhere(
        "(t.status = 'EXPIRED' OR (t.status = 'ACTIVE' AND t.expiresAt IS NOT NULL AND t.expiresAt < :now))",
        now,
      );
    else if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
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
