import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toPublicAuditEvent, type PublicAuditEvent } from '../audit/audit.mapper';
import { heartbeatCutoffIso } from '../agents/effective-status';
import type { RequestContext } from '../common/context/request-context';
import { toPublicCommand, withNames, type PublicCommand } from '../commands/command.mapper';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { StatsRepository, type CountMap, type StatusCutoffs } from './stats.repository';

export interface WorkspaceSummary {
  id: string;
  code: string;
  name: string;
  status: string;
}

/**
 * The dashboard summary (docs/operations.md, "Dashboard and metrics (JSON)"); agent and service
 * counts use the effective status (docs/design/decisions.md, "Lists filter on the effective status"). Command
 * counts and recent commands cover executed actions only: every opened action form used to add a
 * prepare command, which flooded both (docs/console.md).
 */
export interface DashboardSummary {
  workspace: WorkspaceSummary;
  agentCounts: CountMap;
  serviceCounts: CountMap;
  commandCounts: CountMap;
  auditEventCount: number;
  recentCommands: PublicCommand[];
  recentAuditEvents: PublicAuditEvent[];
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
      this.stats.executeCommandsByStatus(),
      this.stats.countAudit(),
      this.stats.recentExecuteCommands(RECENT),
      this.stats.recentAudit(RECENT),
    ]);
    const names = await this.stats.commandNames(commands);
    return {
      workspace: workspaceSummary(workspace),
      agentCounts,
      serviceCounts,
      commandCounts,
      auditEventCount,
      recentCommands: commands.map((c) => withNames(toPublicCommand(c, ctx.nowIso), names)),
      recentAuditEvents: audit.map(toPublicAuditEvent),
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
