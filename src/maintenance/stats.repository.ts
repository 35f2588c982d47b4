import { Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { poolStats } from '../database/pool-stats';
import { AgentEntity } from '../agents/agent.entity';
import { agentEffectiveStatusSql } from '../agents/agents.repository';
import { serviceEffectiveStatusSql } from '../capsule-services/capsule-services.repository';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import { CommandEntity } from '../commands/command.entity';
import type { CommandNames } from '../commands/command.mapper';
import { RegistrationTokenEntity } from '../registration-tokens/registration-token.entity';
import { UserEntity } from '../users/user.entity';
import { DEFAULT_WORKSPACE_ID, WorkspaceEntity } from '../workspaces/workspace.entity';
import type { CountMap, DatabasePoolStats } from '../contracts';

/** Cutoffs for the effective-status rule (docs/agents.md, "Effective status rules") with the runtime threshold
 * (docs/design/decisions.md, "One threshold source"). */
export interface StatusCutoffs {
  /** Heartbeats older than this (ISO) are stale (`heartbeatCutoffIso` of the agents module). */
  hbCutoff: string;
  /** Services with neither report nor health since this are STALE; null = rule off. */
  rpCutoff: string | null;
}

/** Tables reported by diagnostics (by name: some belong to modules above this one). */
const TABLES = [
  'workspaces',
  'users',
  'sessions',
  'registration_tokens',
  'agents',
  'agent_tokens',
  'capsule_services',
  'health_reports',
  'config_items',
  'action_definitions',
  'commands',
  'command_results',
  'audit_events',
  'system_settings',
  'system_counters',
  'bus_events',
  'bus_routes',
] as const;

export interface DurationRow {
  startedAt: string;
  completedAt: string;
}

/**
 * Aggregate reads for the dashboard, metrics, Prometheus and diagnostics: a handful of GROUP BYs,
 * no per-row loops. Effective statuses reuse the SQL twins the agents and capsule-services
 * modules own, so these counts always match what their filtered lists return.
 */
@Injectable()
export class StatsRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  findWorkspace(): Promise<WorkspaceEntity | null> {
    return this.tx.manager.findOne(WorkspaceEntity, { where: { id: DEFAULT_WORKSPACE_ID } });
  }

  async agentsByEffectiveStatus(cutoffs: StatusCutoffs): Promise<CountMap> {
    const rows = await this.tx.manager
      .createQueryBuilder(AgentEntity, 'a')
      .select(agentEffectiveStatusSql('a'), 'effective_status')
      .addSelect('COUNT(*)', 'n')
      .where('a.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameter('hbCutoff', cutoffs.hbCutoff)
      .groupBy('effective_status')
      .getRawMany<{ effective_status: string; n: number | string }>();
    return toCountMap(rows.map((r) => ({ status: r.effective_status, n: r.n })));
  }

  async servicesByEffectiveStatus(cutoffs: StatusCutoffs): Promise<CountMap> {
    const rows = await this.tx.manager
      .createQueryBuilder(CapsuleServiceEntity, 's')
      .leftJoin('s.agent', 'ag')
      .select(serviceEffectiveStatusSql(cutoffs.rpCutoff !== null), 'effective_status')
      .addSelect('COUNT(*)', 'n')
      .where('s.workspaceId = :ws', { ws: DEFAULT_WORKSPACE_ID })
      .setParameters({ ...cutoffs })
      .groupBy('effective_status')
      .getRawMany<{ effective_status: string; n: number | string }>();
    return toCountMap(rows.map((r) => ({ status: r.effective_status, n: r.n })));
  }

  /** Stored status of a table with a `status` column (commands, registration tokens, users). */
  async byStoredStatus(entity: EntityTarget<ObjectLiteral>): Promise<CountMap> {
    const rows = await this.tx.manager
      .createQueryBuilder(entity, 't')
      .select('t.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.status')
      .getRawMany<{ status: string; n: number | string }>();
    return toCountMap(rows);
  }

  /** Executed actions only: prepare commands are form plumbing, not runs (docs/console.md). */
  async executeCommandsByStatus(): Promise<CountMap> {
    const rows = await this.tx.manager
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where("c.type = 'ACTION_EXECUTE'")
      .groupBy('c.status')
      .getRawMany<{ status: string; n: number | string }>();
    return toCountMap(rows);
  }

  registrationTokensByStatus(): Promise<CountMap> {
    return this.byStoredStatus(RegistrationTokenEntity);
  }

  count(entity: EntityTarget<ObjectLiteral>): Promise<number> {
    return this.tx.manager.count(entity);
  }

  countUsers(): Promise<number> {
    return this.count(UserEntity);
  }

  countAudit(): Promise<number> {
    return this.count(AuditEventEntity);
  }

  /** The newest executed actions (prepare commands left out, as in the counts). */
  recentExecuteCommands(limit: number): Promise<CommandEntity[]> {
    return this.tx.manager.find(CommandEntity, {
      where: { type: 'ACTION_EXECUTE' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Names for the recent commands (two small reads instead of the commands module's lookups). */
  async commandNames(commands: readonly { serviceId: string; agentId: string }[]): Promise<CommandNames> {
    const serviceIds = [...new Set(commands.map((c) => c.serviceId))];
    const agentIds = [...new Set(commands.map((c) => c.agentId))];
    const [services, agents] = await Promise.all([
      serviceIds.length
        ? this.tx.manager.find(CapsuleServiceEntity, {
            select: { id: true, code: true, name: true },
            where: { id: In(serviceIds) },
          })
        : [],
      agentIds.length
        ? this.tx.manager.find(AgentEntity, {
            select: { id: true, code: true, name: true },
            where: { id: In(agentIds) },
          })
        : [],
    ]);
    return {
      services: new Map(services.map((s) => [s.id, { code: s.code, name: s.name }])),
      agents: new Map(agents.map((a) => [a.id, { code: a.code, name: a.name }])),
    };
  }

  recentAudit(limit: number): Promise<AuditEventEntity[]> {
    return this.tx.manager.find(AuditEventEntity, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** The newest `limit` commands that have both timestamps (as the reference: ordered by completedAt desc). */
  recentDurations(limit: number): Promise<DurationRow[]> {
    return this.tx.manager
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.startedAt', 'startedAt')
      .addSelect('c.completedAt', 'completedAt')
      .where('c.startedAt IS NOT NULL')
      .andWhere('c.completedAt IS NOT NULL')
      .orderBy('c.completedAt', 'DESC')
      .limit(limit)
      .getRawMany<DurationRow>();
  }

  /** Commands completed after `afterIso`, oldest first (feeds the Prometheus duration histogram incrementally). */
  durationsSince(afterIso: string, limit: number): Promise<DurationRow[]> {
    return this.tx.manager
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.startedAt', 'startedAt')
      .addSelect('c.completedAt', 'completedAt')
      .where('c.startedAt IS NOT NULL')
      .andWhere('c.completedAt > :afterIso', { afterIso })
      .orderBy('c.completedAt', 'ASC')
      .limit(limit)
      .getRawMany<DurationRow>();
  }

  async topCommandErrors(limit: number): Promise<{ code: string; count: number }[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(CommandEntity, 'c')
      .select('c.errorCode', 'code')
      .addSelect('COUNT(*)', 'n')
      .where("c.status = 'FAILED'")
      .andWhere('c.errorCode IS NOT NULL')
      .groupBy('c.errorCode')
      .orderBy('n', 'DESC')
      .addOrderBy('c.errorCode', 'ASC')
      .limit(limit)
      .getRawMany<{ code: string; n: number | string }>();
    return rows.map((r) => ({ code: r.code, count: Number(r.n) }));
  }

  /** Prepare statistics in one pass: requested, timed out, failed. */
  async prepareStats(): Promise<{ requested: number; timeouts: number; failures: number }> {
    const row = await this.tx.manager
      .createQueryBuilder(CommandEntity, 'c')
      .select('COUNT(*)', 'requested')
      .addSelect("SUM(CASE WHEN c.errorCode = 'ACTION_PREPARE_TIMEOUT' THEN 1 ELSE 0 END)", 'timeouts')
      .addSelect("SUM(CASE WHEN c.status = 'FAILED' THEN 1 ELSE 0 END)", 'failures')
      .where("c.type = 'ACTION_PREPARE'")
      .getRawOne<{
        requested: number | string | null;
        timeouts: number | string | null;
        failures: number | string | null;
      }>();
    return {
      requested: Number(row?.requested ?? 0),
      timeouts: Number(row?.timeouts ?? 0),
      failures: Number(row?.failures ?? 0),
    };
  }

  /** Agents stored ONLINE whose heartbeat is missing or older than the threshold (not yet swept). */
  staleOnlineAgents(cutoffs: StatusCutoffs): Promise<number> {
    return this.tx.manager
      .createQueryBuilder(AgentEntity, 'a')
      .where("a.status = 'ONLINE'")
      .andWhere('(a.lastHeartbeatAt IS NULL OR a.lastHeartbeatAt < :hbCutoff)', { hbCutoff: cutoffs.hbCutoff })
      .getCount();
  }

  async tableRowCounts(): Promise<CountMap> {
    const out: CountMap = {};
    for (const name of TABLES) {
      const row = await this.tx.manager
        .createQueryBuilder()
        .select('COUNT(*)', 'n')
        .from(name, 't')
        .getRawOne<{ n: number | string }>();
      out[name] = Number(row?.n ?? 0);
    }
    return out;
  }

  /**
   * SQLite's online backup API through the driver's raw better-sqlite3 handle: pages are copied in
   * steps between which other statements keep running, and the copy is a consistent snapshot.
   */
  /** This replica's PostgreSQL pool use; null on SQLite. */
  poolStats(size: number): DatabasePoolStats | null {
    return poolStats(this.dataSource, size);
  }

  async backupTo(destination: string): Promise<void> {
    const db = (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    await db.backup(destination);
  }
}

function toCountMap(rows: { status: string; n: number | string }[]): CountMap {
  const out: CountMap = {};
  for (const row of rows) {
    const n = Number(row.n);
    if (n > 0) out[row.status] = n;
  }
  return out;
}
