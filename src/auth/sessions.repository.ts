import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deleteBatch, type BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { SessionEntity } from './session.entity';
import type { Tx } from '../database/transaction';

@Injectable()
export class SessionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findByIdHash(idHash: string, em: EntityManager = this.tx.manager): Promise<SessionEntity | null> {
    return em.findOne(SessionEntity, { where: { idHash } });
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<SessionEntity | null> {
    return em.findOne(SessionEntity, { where: { id } });
  }

  async insert(row: SessionEntity, em: Tx): Promise<void> {
    await em.insert(SessionEntity, row);
  }

  async deleteById(id: string, em: Tx): Promise<number> {
    const result = await em.delete(SessionEntity, { id });
    return result.affected ?? 0;
  }

  async deleteByIdHash(idHash: string, em: Tx): Promise<number> {
    const result = await em.delete(SessionEntity, { idHash });
    return result.affected ?? 0;
  }

  async deleteByUser(userId: string, em: Tx): Promise<number> {
    const result = await em.delete(SessionEntity, { userId });
    return result.affected ?? 0;
  }

  /** Sweep step, one batch: sessions whose absolute TTL has passed (ISO text compares in time order). */
  deleteExpired(nowIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    return deleteBatch(
      em,
      SessionEntity,
      em.createQueryBuilder(SessionEntity, 's').select('s.id', 'id').where('s.expiresAt <= :now', { now: nowIso }),
      limit,
    );
  }

  countByUser(userId: string, em: EntityManager = this.tx.manager): Promise<number> {
    return em.count(SessionEntity, { where: { userId } });
  }
}
