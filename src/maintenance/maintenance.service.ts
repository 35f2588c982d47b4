import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { statfsSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { RequestContext } from '../common/context/request-context';
import { Clock } from '../common/time/clock';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { CountersService } from '../system/counters.service';
import { SystemService } from '../system/system.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { COUNTER_KEYS } from './operational-counters';
import { SweepSteps } from './sweep-steps';
import type { ProbeStatus, SweepResult } from '../contracts';

const DAY_MS = 86_400_000;
/** "Nearly full": below 5 % or below OPSTAGE_DISK_MIN_FREE_MB (200 MB) free on the data directory's file system. */
const DISK_MIN_FREE_RATIO = 0.05;

/**
 * One maintenance sweep (docs/operations.md, "Maintenance sweep"), run by the scheduler and on
 * demand. Never two at once: a second caller joins the sweep in flight. Each step is a method of
 * the domain that owns the table (SweepSteps batches them); this service orders them, reads the
 * runtime settings, keeps the counters and audits the outcome.
 */
@Injectable()
export class MaintenanceService implements OnModuleInit {
  private readonly logger = new Logger('maintenance');
  private inFlight: Promise<SweepResult> | undefined;
  private lastError: { at: string; message: string } | undefined;
  private lastResult: SweepResult | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly steps: SweepSteps,
    private readonly settings: RuntimeSettingsService,
    private readonly audit: AuditService,
    private readonly system: SystemService,
    private readonly counters: CountersService,
    private readonly clock: Clock,
    private readonly liveness: ReadBarrier,
  ) {}

  onModuleInit(): void {
    this.system.registerCheck('maintenance', () => this.sweepHealth());
    this.system.registerCheck('disk', () => this.diskHealth());
  }

  get running(): boolean {
    return this.inFlight !== undefined;
  }

  get lastSweep(): SweepResult | undefined {
    return this.lastResult;
  }

  /** Runs a sweep, or returns the one already running (the scheduler and manual runs share this guard). */
  run(): Promise<SweepResult> {
    if (this.inFlight) return this.inFlight;
    const sweep = this.sweep().finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = sweep;
    return sweep;
  }

  private async sweep(): Promise<SweepResult> {
    const started = performance.now();
    const ctx = RequestContext.system(this.clock);
    const ts = ctx.now.getTime();
    const now = ctx.nowIso;
    const s = this.settings.get();
    const ago = (ms: number): string => new Date(ts - ms).toISOString();
    try {
      const expiredRegistrationTokens = await this.steps.expireRegistrationTokens(now);
      const expiredCommands = await this.steps.expireCommands(now, ago(this.config.actionPrepareTimeoutSeconds * 1000));
      const expiredApprovals = await this.steps.expireApprovals(ctx);
      // Liveness stamps wait up to a second in memory; judge agents on the stored ones only after they land.
      await this.liveness.settle();
      const offlineAgents = await this.steps.markAgentsOffline(ctx, s.agentOfflineThresholdSeconds);
      const offlineServices = await this.steps.markServicesOfOfflineAgents(now);
      const deletedAuditEvents =
        s.auditRetentionDays > 0 ? await this.steps.pruneAudit(ago(s.auditRetentionDays * DAY_MS)) : 0;
      const retention = s.commandRetentionDays > 0 ? ago(s.commandRetentionDays * DAY_MS) : undefined;
      const prunedCommands = retention ? await this.steps.pruneCommands(retention) : {};
      let deletedCommands = 0;
      for (const [status, n] of Object.entries(prunedCommands)) {
        this.counters.increment(`${COUNTER_KEYS.prunedPrefix}${status}`, n);
        deletedCommands += n;
      }
      const deletedHealthReports = await this.steps.pruneHealthReports(Math.max(1, s.healthReportsKeep));
      const deletedSessions = await this.steps.pruneSessions(now);
      const deletedLoginThrottles = await this.steps.pruneLoginThrottle(ts);
      const deletedAgentTokens = retention ? await this.steps.pruneRevokedAgentTokens(retention) : 0;
      const deletedBusEvents = retention ? await this.steps.pruneBusEvents(retention) : 0;
      const deletedApiTokens = retention ? await this.steps.pruneApiTokens(retention) : 0;
      const deletedScheduleRuns = retention ? await this.steps.pruneScheduleRuns(retention) : 0;
      const wipedSecrets = await this.steps.wipeSealedSecrets(now);

      const result: SweepResult = {
        expiredRegistrationTokens,
        expiredCommands,
        expiredApprovals,
        offlineAgents,
        offlineServices,
        deletedAuditEvents,
        deletedCommands,
        deletedHealthReports,
        deletedSessions,
        deletedLoginThrottles,
        deletedAgentTokens,
        deletedBusEvents,
        deletedApiTokens,
        deletedScheduleRuns,
        wipedSecrets,
        ranAt: now,
        durationMs: Math.round(performance.now() - started),
      };
      await this.auditOutcome(ctx, result);
      this.lastResult = result;
      this.lastError = undefined;
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = { at: now, message };
      this.logger.error({ msg: 'maintenance sweep failed', error: message });
      throw error;
    }
  }

  /** Audit only sweeps that changed something, so an idle server does not fill its own audit log. */
  private async auditOutcome(ctx: RequestContext, result: SweepResult): Promise<void> {
    const { ranAt: _ranAt, durationMs: _durationMs, ...counts } = result;
    if (counts.expiredCommands > 0) {
      await this.audit.recordNow(ctx, {
        action: 'system.command.expired',
        targetType: 'Workspace',
        targetId: DEFAULT_WORKSPACE_ID,
        metadata: { count: counts.expiredCommands },
      });
    }
    if (Object.values(counts).some((n) => n > 0)) {
      await this.audit.recordNow(ctx, {
        action: 'system.maintenance.completed',
        targetType: 'Workspace',
        targetId: DEFAULT_WORKSPACE_ID,
        metadata: { ...counts, durationMs: result.durationMs },
      });
    }
  }

  private sweepHealth(): { status: ProbeStatus; message?: string } {
    if (!this.lastError) return { status: 'UP' };
    return {
      status: 'DEGRADED',
      message: `Last maintenance sweep failed at ${this.lastError.at}: ${this.lastError.message}`,
    };
  }

  /** Separate so tests can simulate a full disk. */
  probeDisk(): { freeBytes: number; totalBytes: number } | undefined {
    return diskFree(this.config.dataDir);
  }

  private diskHealth(): { status: ProbeStatus; message?: string } {
    const free = this.probeDisk();
    if (!free) return { status: 'UP' };
    if (free.freeBytes < this.config.diskMinFreeBytes || free.freeBytes / free.totalBytes < DISK_MIN_FREE_RATIO) {
      return {
        status: 'DEGRADED',
        message: `Data directory disk nearly full: ${Math.round(free.freeBytes / 1024 / 1024)} MB free.`,
      };
    }
    return { status: 'UP' };
  }
}

/** Free and total bytes of the file system holding `path`; undefined when it cannot be read. */
export function diskFree(path: string): { freeBytes: number; totalBytes: number } | undefined {
  try {
    const stats = statfsSync(path);
    const totalBytes = stats.blocks * stats.bsize;
    if (totalBytes <= 0) return undefined;
    return { freeBytes: stats.bavail * stats.bsize, totalBytes };
  } catch {
    return undefined;
  }
}
