import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { selectIds } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { AgentEntity } from './agent.entity';
import type { Tx } from '../database/transaction';
import type { AgentStatus } from '../contracts';

export interface AgentListFilter {
  /** Any of these effective statuses (docs/design/decisions.md, "Lists filter on the effective status"), compared
   * against the SQL twin of `agentEffectiveStatus`. */
  status?: readonly AgentStatus[];
  q?: string;
  /** Heartbeats strictly older than this ISO instant are stale. */
  heartbeatCutoffIso: string;
  offset: number;
  limit: number;
}

export interface AgentListRow {
  agent: AgentEntity;
  serviceCount: number;
}

/**
 * SQL twin of `agentEffectiveStatus` (effective-status.ts). `:hbCutoff` = now − threshold; a
 * heartbeat `<` the cutoff is strictly older than the threshold, as in the pure rule.
 */
export function agentEffectiveStatusSql(alias: string): string {
  const a = (c: string): string => `${alias}."${c}"`;
  return `(CASE WHEN ${a('status')} IN ('DISABLED','REVOKED') THEN ${a('status')} WHEN ${a('lastHeartbeatAt')} IS NULL THEN 'PENDING' WHEN ${a('lastHeartbeatAt')} < :hbCutoff THEN 'OFFLINE' ELSE 'ONLINE' END)`;
}

/** `%`, `_` and `\` in a search term are literals, not wildcards (a bug of the reference, fixed). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const TOUCH_HEARTBEAT_SQL =
  'UPDATE "agents" SET "lastHeartbeatAt" = ? WHERE "id" = ? AND ("lastHeartbeatAt" IS NULL OR "lastHeartbeatAt" < ?)';

const CLAIM_HEARTBEAT_AUDIT_SQL =
  'UPDATE "agents" SET "heartbeatAuditAt" = ? WHERE "id" = ? AND ("heartbeatAuditAt" IS NULL OR "heartbeatAuditAt" <= ?)';

@Injectable()
export class AgentsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<AgentEntity | null> {
    return em.findOne(AgentEntity, { where: { id } });
  }

  findByCode(code: string, em: EntityManager = this.tx.manager): Promise<AgentEntity | null> {
    return em.findOne(AgentEntity, { where: { workspaceId: DEFAULT_WORKSPACE_ID, code } });
  }

  async insert(agent: AgentEntity, em: Tx): Promise<void> {
    await em.insert(AgentEntity, agent);
  }

  async update(id: string, patch: Partial<AgentEntity>, em: Tx): Promise<number> {
    const res = await em.update(AgentEntity, { id }, patch);
    return res.affected ?? 0;
  }

  /** The only write of a quiet heartbeat (docs/design/decisions.md, "Quiet heartbeats"): one indexed UPDATE by primary key. */
  /** Liveness stamp (flushed in batches by LivenessWriter); never moves an agent's stamp backwards. */
  async touchHeartbeat(id: string, atIso: string, em: Tx): Promise<void> {
    await this.tx.execute(TOUCH_HEARTBEAT_SQL, [atIso, id, atIso], em);
  }

  /**
   * Claims this window's sampled heartbeat audit for the agent: true for exactly one caller per
   * window across every replica, because the UPDATE only matches while the last claim is older
   * than `cutoffIso` (a row lock on PostgreSQL, the single writer on SQLite).
   */
  async claimHeartbeatAudit(id: string, atIso: string, cutoffIso: string, em: Tx): Promise<boolean> {
    // A prepared statement: after a restart a fleet claims one per agent within one interval (bench/HISTORY.md).
    return (await this.tx.execute(CLAIM_HEARTBEAT_AUDIT_SQL, [atIso, id, cutoffIso], em)) === 1;
  }

  /** PENDING/OFFLINE → ONLINE, once: the affected-row count tells whether this call made the transition. */
  async markOnline(id: string, nowIso: string, em: Tx): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(AgentEntity)
      .set({ status: 'ONLINE', lastHeartbeatAt: nowIso, updatedAt: nowIso })
      .where('id = :id AND status IN (:...from)', { id, from: ['PENDING', 'OFFLINE'] })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Conditional status change (e.g. disable only when not REVOKED); returns the affected count. */
  async transition(id: string, from: AgentStatus[], patch: Partial<AgentEntity>, em: Tx): Promise<number> {
    const res = await em
      .createQueryBuilder()
      .update(AgentEntity)
      .set(patch)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return res.affected ?? 0;
  }

  async delete(id: string, em: Tx): Promise<number> {
    const res = await em.delete(AgentEntity, { id });
    return res.affected ?? 0;
  }

  /** Sweep step: ONLINE/PENDING agents whose last heartbeat is older than the cutoff (at most `limit`). */
  staleIds(cutoffIso: string, limit: number, em: Tx): Promise<string[]> {
    return selectIds(
      em
        .createQueryBuilder(AgentEntity, 'a')
        .select('a.id', 'id')
        .where("a.status IN ('ONLINE', 'PENDING')")
        .andWhere('a.lastHeartbeatAt IS NOT NULL')
        .andWhere('a.lastHeartbeatAt < :cutoff', { cutoff: cutoffIso })
        .orderBy('a.id'),
      limit,
    );
  }

  /** ONLINE/PENDING → OFFLINE for the given agents (an agent that came back meanwhile is left alone). */
  async markOffline(ids: string[], nowIso: string, em: Tx): Promise<void> {
    await em
      .createQueryBuilder()
      .update(AgentEntity)
      .set({ status: 'OFFLINE', updatedAt: nowIso })
      .where('id IN (:...ids)', { ids })
      .andWhere("status IN ('ONLINE', 'PENDING')")
      .execute();
  }

  /** One query for the page (service counts via a grouped subquery, no N+1) and one for the total. */
  async list(
    filter: AgentListFilter,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: AgentListRow[]; total: number }> {
    const base = this.filtered(em, filter);
    const total = await base.clone().getCount();
    const raw = await base
      .clone()
      .leftJoin(
        '(SELECT "agentId", COUNT(*) AS "cnt" FROM "capsule_services" GROUP BY "agentId")',
        'sc',
        'sc."agentId" = a.id',
      )
      .addSelect('COALESCE(sc.cnt, 0)', 'serviceCount')
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getRawAndEntities();
    const rows = raw.entities.map((agent, i) => ({
      agent,
      serviceCount: Number((raw.raw[i] as { serviceCount?: unknown }).serviceCount ?? 0),
    }));
    return { rows, total };
  }

  /** Every agent of the workspace (the notification evaluator judges each one; fleets are hundreds, not millions). */
  all(em: EntityManager = this.tx.manager): Promise<AgentEntity[]> {
    return em.find(AgentEntity, {
      where: { workspaceId: DEFAULT_WORKSPACE_ID },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Code and name of each agent id that exists (labels for lists of other resources). */
  async identities(
    ids: readonly string[],
    em: EntityManager = this.tx.manager,
  ): Promise<{ id: string; code: string; name: string | null }[]> {
    if (ids.length === 0) return [];
    return em
      .createQueryBuilder(AgentEntity, 'a')
      .select(['a.id', 'a.code', 'a.name'])
      .where('a.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  /** Counts per effective status (dashboard/metrics use the same SQL rule as the list filter). */
  async countByEffectiveStatus(
    heartbeatCutoffIso: string,
    em: EntityManager = this.tx.manager,
  ): Promise<Record<string, number>> {
    const rows = await em
      .createQueryBuilder(AgentEntity, 'a')
      .select(agentEffectiveStatusSql('a'), 'status')
      .addSelect('COUNT(*)', 'count')
      .where('a.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameter('hbCutoff', heartbeatCutoffIso)
      .groupBy('status')
      .getRawMany<{ status: string; count: number | string }>();
    const out: Record<string, number> = {};
    for (const r of rows) out[r.status] = Number(r.count);
    return out;
  }

  private filtered(em: EntityManager, filter: AgentListFilter): SelectQueryBuilder<AgentEntity> {
    const qb = em
      .createQueryBuilder(AgentEntity, 'a')
      .where('a.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameter('hbCutoff', filter.heartbeatCutoffIso);
    if (filter.status?.length)
      qb.andWhere(`${agentEffectiveStatusSql('a')} IN (:...effStatus)`, { effStatus: [...filter.status] });
    if (filter.q)
      qb.andWhere(
        `(LOWER(a.code) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(COALESCE(a.name, '')) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(a.id) LIKE LOWER(:q) ESCAPE '\\')`,
        {
          q: likePattern(filter.q),
        },
      );
    return qb;
  }
}
