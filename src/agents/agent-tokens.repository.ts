import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { AgentTokenEntity } from './agent-token.entity';

@Injectable()
export class AgentTokensRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * The authentication read: one lookup on the unique hash index, with the agent joined so the
   * heartbeat path needs no second query.
   */
  findActiveWithAgent(tokenHash: string, em: EntityManager = this.tx.manager): Promise<AgentTokenEntity | null> {
    return em
      .createQueryBuilder(AgentTokenEntity, 't')
      .innerJoinAndSelect('t.agent', 'agent')
      .where('t.tokenHash = :tokenHash', { tokenHash })
      .andWhere("t.status = 'ACTIVE'")
      .andWhere('t.revokedAt IS NULL')
      .getOne();
  }

  async insert(token: AgentTokenEntity, em: EntityManager = this.tx.manager): Promise<void> {
    await em.insert(AgentTokenEntity, token);
  }

  /** Revokes every ACTIVE token of the agent; returns how many were revoked. */
  async revokeAllForAgent(agentId: string, nowIso: string, em: EntityManager = this.tx.manager): Promise<number> {
    const res = await em
      .createQueryBuilder()
      .update(AgentTokenEntity)
      .set({ status: 'REVOKED', revokedAt: nowIso, updatedAt: nowIso })
      .where("agentId = :agentId AND status = 'ACTIVE'", { agentId })
      .execute();
    return res.affected ?? 0;
  }

  async touchLastUsed(id: string, nowIso: string, em: EntityManager = this.tx.manager): Promise<void> {
    await em.createQueryBuilder().update(AgentTokenEntity).set({ lastUsedAt: nowIso }).where('id = :id', { id }).execute();
  }
}
