import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toPublicAuditEvent } from '../audit/audit.mapper';
import { heartbeatCutoffIso } from '../agents/effective-status';
import type { RequestContext } from '../common/context/request-context';
import { toPublicCommand, withNames } from '../commands/command.mapper';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { StatsRepository, type StatusCutoffs } from './stats.repository';
import type { DashboardSummary, WorkspaceSummary } from '../contracts';

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
export function statusCutoffs(
  ctx: RequestContext,
  settings: RuntimeSettingsService,
  serviceStaleThresholdSeconds: number,
): StatusCutoffs {
  const nowMs = ctx.now.getTime();
  return {
    hbCutoff: heartbeatCutoffIso(nowMs, settings.get().agentOfflineThresholdSeconds),
    rpCutoff:
      serviceStaleThresholdSeconds > 0 ? new Date(nowMs - serviceStaleThresholdSeconds * 1000).toISOString() : null,
  };
}

export function workspaceSummary(row: WorkspaceSummary | null): WorkspaceSummary {
  if (!row) return { id: DEFAULT_WORKSPACE_ID, code: 'default', name: 'Default Workspace', status: 'ACTIVE' };
  return { id: row.id, code: row.code, name: row.name, status: row.status };
}
