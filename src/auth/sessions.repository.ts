import { Injectable } from '@nestjs/common';
import { LessThanOrEqual, type EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findByIdHash(idHash: string, em: EntityManager = this.tx.manager): Promise<SessionEntity | null> {
    return em.findOne(SessionEntity, { where: { idHash } });
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<SessionEntity | null> {
    return em.findOne(SessionEntity, { where: { id } });
  }

  async insert(row: SessionEntity, em: EntityManager = this.tx.manager): Promise<void> {
    await em.insert(SessionEntity, row);
  }

  async deleteById(id: string, em: EntityManager = this.tx.manager): Promise<number> {
    const result = await em.delete(SessionEntity, { id });
    return result.affected ?? 0;
  }

  async deleteByIdHash(idHash: string, em: EntityManager = this.tx.manager): Promise<number> {
    const result = await em.delete(SessionEntity, { idHash });
    return result.affected ?? 0;
  }

  async deleteByUser(userId: string, em: EntityManager = this.tx.manager): Promise<number> {
    const result = await em.delete(SessionEntity, { userId });
    return result.affected ?? 0;
  }

  /** ISO strings compare lexicographically in time order, so `<=` on text is `<=` in time. */
  async deleteExpired(nowIso: string, em: EntityManager = this.tx.manager): Promise<number> {
    const result = await em.delete(SessionEntity, { expiresAt: LessThanOrEqual(nowIso) });
    return result.affected ?? 0;
  }

  countByUser(userId: string, em: EntityManager = this.tx.manager): Promise<number> {
    return em.count(SessionEntity, { where: { userId } });
  }
}
