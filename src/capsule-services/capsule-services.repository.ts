import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AgentEntity } from '../agents/agent.entity';
import { updateBatch, type BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { CapsuleServiceEntity } from './capsule-service.entity';
import type { Tx } from '../database/transaction';
import type { HealthStatus, ServiceEffectiveStatus } from '../contracts';

export interface ServiceListFilter {
  /** Any of these effective statuses. */
  status?: readonly ServiceEffectiveStatus[];
  healthStatus?: HealthStatus;
  agentId?: string;
  q?: string;
  /** Manifest labels that must all match exactly. */
  labels?: readonly { key: string; value: string }[];
  heartbeatCutoffIso: string;
  /** null when the report-freshness rule is off. */
  reportCutoffIso: string | null;
  offset: number;
  limit: number;
}

export interface ServiceWithAgent {
  service: CapsuleServiceEntity;
  agent: AgentEntity | null;
}

/**
 * SQL twin of `serviceEffectiveStatus` (service-status.ts); `s` is the service, `ag` its agent
 * (LEFT JOIN). `:hbCutoff` = now − agent threshold, `:rpCutoff` = now − service-stale threshold.
 */
export function serviceEffectiveStatusSql(withReportRule: boolean): string {
  const reportRule = withReportRule
    ? `WHEN (s."lastReportedAt" IS NULL OR s."lastReportedAt" < :rpCutoff) AND (s."lastHealthAt" IS NULL OR s."lastHealthAt" < :rpCutoff) THEN 'STALE' `
    : '';
  return (
    `(CASE WHEN ag."id" IS NULL THEN 'OFFLINE' ` +
    `WHEN ag."status" IN ('DISABLED','REVOKED') THEN 'OFFLINE' ` +
    `WHEN ag."lastHeartbeatAt" IS NULL THEN 'STALE' ` +
    `WHEN ag."lastHeartbeatAt" < :hbCutoff THEN 'OFFLINE' ` +
    reportRule +
    // A stored OFFLINE only records an earlier sweep; the agent is live again, so health is unknown.
    `WHEN s."status" = 'OFFLINE' THEN 'UNKNOWN' ` +
    `ELSE s."status" END)`
  );
}

/**
 * A manifest label of `s` in SQL. Labels live in the stored manifest JSON (`manifest.labels`), so
 * the filter reads them there: SQLite's json_extract with a JSON path, PostgreSQL's ->>. Label keys
 * are restricted by the DTO to `[A-Za-z0-9._/-]`, so they are safe inside a quoted path member.
 */
function manifestLabelSql(em: EntityManager, param: string): string {
  return em.connection.options.type === 'postgres'
    ? `(s."manifestJson"::jsonb -> 'labels' ->> :${param})`
    : `json_extract(s."manifestJson", :${param})`;
}

function labelParam(em: EntityManager, key: string): string {
  return em.connection.options.type === 'postgres' ? key : `$.labels."${key}"`;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class CapsuleServicesRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findById(id: string, em: EntityManager = this.tx.manager): Promise<CapsuleServiceEntity | null> {
    return em.findOne(CapsuleServiceEntity, { where: { id } });
  }

  findByCode(code: string, em: EntityManager = this.tx.manager): Promise<CapsuleServiceEntity | null> {
    return em.findOne(CapsuleServiceEntity, { where: { workspaceId: DEFAULT_WORKSPACE_ID, code } });
  }

  async findWithAgent(id: string, em: EntityManager = this.tx.manager): Promise<ServiceWithAgent | null> {
    const service = await em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .leftJoinAndSelect('s.agent', 'ag')
      .where('s.id = :id', { id })
      .getOne();
    if (!service) return null;
    const agent = service.agent ?? null;
    delete service.agent;
    return { service, agent };
  }

  /** Every service of the workspace with its agent (the notification evaluator's snapshot). */
  async allWithAgents(em: EntityManager = this.tx.manager): Promise<ServiceWithAgent[]> {
    const rows = await em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .leftJoinAndSelect('s.agent', 'ag')
      .where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .orderBy('s.createdAt', 'ASC')
      .getMany();
    return rows.map((service) => {
      const agent = service.agent ?? null;
      delete service.agent;
      return { service, agent };
    });
  }

  findByAgent(agentId: string, em: EntityManager = this.tx.manager): Promise<CapsuleServiceEntity[]> {
    return em.find(CapsuleServiceEntity, { where: { agentId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Code and name of each service id that exists. */
  async identities(
    ids: readonly string[],
    em: EntityManager = this.tx.manager,
  ): Promise<{ id: string; code: string; name: string }[]> {
    if (ids.length === 0) return [];
    return em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .select(['s.id', 's.code', 's.name'])
      .where('s.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  async insert(service: CapsuleServiceEntity, em: Tx): Promise<void> {
    await em.insert(CapsuleServiceEntity, service);
  }

  async update(id: string, patch: Partial<CapsuleServiceEntity>, em: Tx): Promise<void> {
    await em.update(CapsuleServiceEntity, { id }, patch);
  }

  /** Effective status computed in SQL for both the filter and the count (docs/design/decisions.md, "Lists filter on
   * the effective status"). */
  async list(
    filter: ServiceListFilter,
    em: EntityManager = this.tx.manager,
  ): Promise<{ rows: ServiceWithAgent[]; total: number }> {
    const qb = this.filtered(em, filter);
    const total = await qb.clone().getCount();
    const services = await qb
      .clone()
      .orderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
    const rows = services.map((service) => {
      const agent = service.agent ?? null;
      delete service.agent;
      return { service, agent };
    });
    return { rows, total };
  }

  /** Counts per effective status, same SQL rule as the list filter (dashboard, metrics). */
  async countByEffectiveStatus(
    heartbeatCutoffIso: string,
    reportCutoffIso: string | null,
    em: EntityManager = this.tx.manager,
  ): Promise<Record<string, number>> {
    const qb = em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .leftJoin('s.agent', 'ag')
      .select(serviceEffectiveStatusSql(reportCutoffIso !== null), 'status')
      .addSelect('COUNT(*)', 'count')
      .where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameter('hbCutoff', heartbeatCutoffIso)
      .groupBy('status');
    if (reportCutoffIso !== null) qb.setParameter('rpCutoff', reportCutoffIso);
    const rows = await qb.getRawMany<{ status: string; count: number | string }>();
    const out: Record<string, number> = {};
    for (const r of rows) out[r.status] = Number(r.count);
    return out;
  }

  /** Sweep step, one batch: services of OFFLINE agents follow their agent (OFFLINE, health UNKNOWN). */
  followOfflineAgents(nowIso: string, limit: number, em: Tx): Promise<BatchOutcome> {
    const select = em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .select('s.id', 'id')
      .innerJoin(AgentEntity, 'a', 'a.id = s.agentId')
      .where("a.status = 'OFFLINE'")
      .andWhere("s.status <> 'OFFLINE'");
    return updateBatch(
      em,
      CapsuleServiceEntity,
      select,
      { status: 'OFFLINE', healthStatus: 'UNKNOWN', updatedAt: nowIso },
      "status <> 'OFFLINE'",
      limit,
    );
  }

  /** Ids of the services whose manifest labels carry every pair (same SQL as the list's label filter). */
  async idsWithLabels(
    labels: readonly { key: string; value: string }[],
    em: EntityManager = this.tx.manager,
  ): Promise<string[]> {
    const qb = em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .select('s.id', 'id')
      .where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID });
    labels.forEach((label, i) => {
      qb.andWhere(`${manifestLabelSql(em, `lk${i}`)} = :lv${i}`, {
        [`lk${i}`]: labelParam(em, label.key),
        [`lv${i}`]: label.value,
      });
    });
    return (await qb.getRawMany<{ id: string }>()).map((r) => r.id);
  }

  private filtered(em: EntityManager, filter: ServiceListFilter): SelectQueryBuilder<CapsuleServiceEntity> {
    const qb = em
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .leftJoinAndSelect('s.agent', 'ag')
      .where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameter('hbCutoff', filter.heartbeatCutoffIso);
    if (filter.reportCutoffIso !== null) qb.setParameter('rpCutoff', filter.reportCutoffIso);
    if (filter.status?.length)
      qb.andWhere(`${serviceEffectiveStatusSql(filter.reportCutoffIso !== null)} IN (:...effStatus)`, {
        effStatus: [...filter.status],
      });
    if (filter.healthStatus) qb.andWhere('s.healthStatus = :healthStatus', { healthStatus: filter.healthStatus });
    if (filter.agentId) qb.andWhere('s.agentId = :agentId', { agentId: filter.agentId });
    if (filter.q)
      qb.andWhere(
        `(LOWER(s.code) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(s.name) LIKE LOWER(:q) ESCAPE '\\' OR LOWER(s.id) LIKE LOWER(:q) ESCAPE '\\')`,
        {
          q: likePattern(filter.q),
        },
      );
    (filter.labels ?? []).forEach((label, i) => {
      qb.andWhere(`${manifestLabelSql(em, `lk${i}`)} = :lv${i}`, {
        [`lk${i}`]: labelParam(em, label.key),
        [`lv${i}`]: label.value,
      });
    });
    return qb;
  }
}
