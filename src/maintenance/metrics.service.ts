import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RequestContext } from '../common/context/request-context';
import { CommandEntity } from '../commands/command.entity';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { CountersService } from '../system/counters.service';
import { statusCutoffs, workspaceSummary } from './dashboard.service';
import { COUNTER_KEYS, commandOutcomeTotals } from './operational-counters';
import { StatsRepository, type DurationRow } from './stats.repository';
import type { CommandDurations, CountMap, MetricsView } from '../contracts';

/** As in the reference: the duration sample is the last 1,000 commands with both timestamps. */
export const DURATION_SAMPLE = 1000;
const TOP_ERRORS = 5;

@Injectable()
export class MetricsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly settings: RuntimeSettingsService,
    private readonly counters: CountersService,
  ) {}

  async metrics(ctx: RequestContext): Promise<MetricsView> {
    const cutoffs = statusCutoffs(ctx, this.settings, this.config.serviceStaleThresholdSeconds);
    const [
      workspace,
      users,
      agents,
      services,
      tokens,
      commands,
      auditEvents,
      durations,
      topCommandErrors,
      prepare,
      staleOnlineAgents,
    ] = await Promise.all([
      this.stats.findWorkspace(),
      this.stats.countUsers(),
      this.stats.agentsByEffectiveStatus(cutoffs),
      this.stats.servicesByEffectiveStatus(cutoffs),
      this.stats.registrationTokensByStatus(),
      this.stats.byStoredStatus(CommandEntity),
      this.stats.countAudit(),
      this.stats.recentDurations(DURATION_SAMPLE),
      this.stats.topCommandErrors(TOP_ERRORS),
      this.stats.prepareStats(),
      this.stats.staleOnlineAgents(cutoffs),
    ]);
    const counters = this.counters.snapshot();
    const outcomes = commandOutcomeTotals(commands, counters);
    return {
      workspace: workspaceSummary(workspace),
      totals: {
        users,
        agents: sum(agents),
        capsuleServices: sum(services),
        registrationTokens: sum(tokens),
        commands: sum(commands),
        auditEvents,
      },
      byStatus: { agents, capsuleServices: services, registrationTokens: tokens, commands },
      operational: {
        agentCommandPolls: counters[COUNTER_KEYS.polls] ?? 0,
        agentHeartbeats: counters[COUNTER_KEYS.heartbeats] ?? 0,
        commandsDispatched: counters[COUNTER_KEYS.dispatched] ?? 0,
        commandsCompleted: outcomes.SUCCEEDED ?? 0,
        commandsFailed: outcomes.FAILED ?? 0,
        commandsCancelled: outcomes.CANCELLED ?? 0,
        commandsExpired: outcomes.EXPIRED ?? 0,
        actionPrepareRequested: prepare.requested,
        actionPrepareTimeouts: prepare.timeouts,
        actionPrepareFailures: prepare.failures,
        oversizedCommandResultsRejected: counters[COUNTER_KEYS.oversized] ?? 0,
        staleOnlineAgents,
        counters,
      },
      commandDurations: summarizeDurations(durations),
      topCommandErrors,
    };
  }
}

function sum(map: CountMap): number {
  return Object.values(map).reduce((a, b) => a + b, 0);
}

export function durationMsOf(row: DurationRow): number | undefined {
  const ms = Date.parse(row.completedAt) - Date.parse(row.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Nearest-rank percentiles (index ceil(p/100·n) − 1) as in the reference; negative or unparsable spans dropped. */
export function summarizeDurations(rows: DurationRow[]): CommandDurations {
  const values = rows
    .map(durationMsOf)
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  const n = values.length;
  if (n === 0) return { sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null };
  const rank = (p: number): number => values[Math.max(0, Math.ceil((p / 100) * n) - 1)] ?? 0;
  return {
    sampleSize: n,
    p50Ms: rank(50),
    p95Ms: rank(95),
    maxMs: values[n - 1] ?? 0,
    meanMs: Math.round(values.reduce((a, b) => a + b, 0) / n),
  };
}
