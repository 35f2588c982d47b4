import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuditEventEntity } from '../audit/audit-event.entity';
import { heartbeatCutoffIso } from '../agents/effective-status';
import type { RequestContext } from '../common/context/request-context';
import { redact } from '../common/redaction/redact';
import { toPublicCommand, type PublicCommand } from '../commands/command.mapper';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { StatsRepository, type CountMap, type StatusCutoffs } from './stats.repository';

export interface WorkspaceSummary {
  id: string;
  code: string;
  name: string;
  status: string;
}

export interface PublicAuditEventView {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  message: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

/** backend.md §12.1; agent and service counts use the effective status (decision 15). */
export interface DashboardSummary {
  workspace: WorkspaceSummary;
  agentCounts: CountMap;
  serviceCounts: CountMap;
  commandCounts: CountMap;
  auditEventCount: number;
  recentCommands: PublicCommand[];
  recentAuditEvents: PublicAuditEventView[];
}

const RECENT = 10;

@Injectable()
export class DashboardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly settings: RuntimeSettingsService,
  ) {}

  async summary(ctx: RequestContext): Promise<DashboardSummary> {
    const cutoffs = statusCutoffs(ctx, this.settings, this.config.serviceStaleThresholdSeconds);
    const [workspace, agentCounts, serviceCounts, commandCounts, auditEventCount, commands, audit] = await Promise.all([
      this.stats.findWorkspace(),
      this.stats.agentsByEffectiveStatus(cutoffs),
      this.stats.servicesByEffectiveStatus(cutoffs),
      this.stats.commandsByStatus(),
      this.stats.countAudit(),
      this.stats.recentCommands(RECENT),
      this.stats.recentAudit(RECENT),
    ]);
    return {
      workspace: workspaceSummary(workspace),
      agentCounts,
      serviceCounts,
      commandCounts,
      auditEventCount,
      recentCommands: commands.map((c) => toPublicCommand(c, ctx.nowIso)),
      recentAuditEvents: audit.map(toAuditView),
    };
  }
}

/** The same cutoffs the agents and services lists use: runtime offline threshold, env service-stale threshold. */
export function statusCutoffs(ctx: RequestContext, settings: RuntimeSettingsService, serviceStaleThresholdSeconds: number): StatusCutoffs {
  const nowMs = ctx.now.getTime();
  return {
    hbCutoff: heartbeatCutoffIso(nowMs, settings.get().agentOfflineThresholdSeconds),
    rpCutoff: serviceStaleThresholdSeconds > 0 ? new Date(nowMs - serviceStaleThresholdSeconds * 1000).toISOString() : null,
  };
}

export function workspaceSummary(row: WorkspaceSummary | null): WorkspaceSummary {
  if (!row) return { id: DEFAULT_WORKSPACE_ID, code: 'default', name: 'Default Workspace', status: 'ACTIVE' };
  return { id: row.id, code: row.code, name: row.name, status: row.status };
}

function toAuditView(row: AuditEventEntity): PublicAuditEventView {
  return {
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    result: row.result,
    message: row.message,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    metadata: redact(parseObject(row.metadataJson)),
    createdAt: row.createdAt,
  };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
