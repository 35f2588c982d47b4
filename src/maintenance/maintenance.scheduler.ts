import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/time/clock';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MaintenanceService } from './maintenance.service';
import { ScheduledJobs, type SlotOutcome } from './scheduled-jobs';

export const MAINTENANCE_INTERVAL_NAME = 'opstage-maintenance';
/** The job name of the sweep in `scheduled_slots`. */
export const MAINTENANCE_JOB = 'maintenance.sweep';
/** Milliseconds per configured "second"; tests inject a smaller unit to see several ticks quickly. */
export const MAINTENANCE_TICK_UNIT_MS = Symbol('MAINTENANCE_TICK_UNIT_MS');

/**
 * Runs the sweep every effective `maintenanceIntervalSeconds` (0 = off), once per interval across
 * all replicas. Ticks fall on wall-clock multiples of the interval, the same instants on every
 * replica, so they all bid for the same slot and ScheduledJobs lets one of them run it. A
 * settings change re-arms the timer at once; a tick that finds this replica's sweep still
 * running is skipped without claiming the slot, so another replica may take it.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('maintenance');
  private currentSeconds = 0;
  private stopped = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly settings: RuntimeSettingsService,
    private readonly maintenance: MaintenanceService,
    private readonly jobs: ScheduledJobs,
    private readonly clock: Clock,
    @Inject(MAINTENANCE_TICK_UNIT_MS) private readonly unitMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.settings.onChange((s) => this.schedule(s.maintenanceIntervalSeconds));
    this.schedule(this.settings.get().maintenanceIntervalSeconds);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.clear();
  }

  /** The period in effect (0 = off). */
  get intervalSeconds(): number {
    return this.currentSeconds;
  }

  schedule(seconds: number): void {
    this.clear();
    this.currentSeconds = 0;
    if (this.stopped || !(seconds > 0)) return;
    this.currentSeconds = seconds;
    this.arm();
  }

  /** One scheduled tick; sweep errors are already logged and surfaced in /api/system/health by the service. */
  async tick(): Promise<SlotOutcome | 'running'> {
    if (this.maintenance.running) {
      this.logger.warn({ msg: 'maintenance sweep still running; tick skipped' });
      return 'running';
    }
    const intervalMs = this.currentSeconds * this.unitMs;
    const slotMs = ScheduledJobs.slotOf(this.clock.nowMs(), intervalMs);
    // A failed sweep is logged and surfaced by MaintenanceService; only a failed claim reaches the catch.
    const sweep = (): Promise<unknown> => this.maintenance.run().catch(() => undefined);
    try {
      return await this.jobs.runOnce(MAINTENANCE_JOB, slotMs, intervalMs, sweep);
    } catch (error) {
      this.logger.error({
        msg: 'maintenance slot claim failed; the next tick tries again',
        error: error instanceof Error ? error.message : String(error),
      });
      return 'busy';
    }
  }

  /** A one-shot timer to the next multiple of the interval, re-armed on every firing, so lateness never accumulates. */
  private arm(servedMs?: number): void {
    const intervalMs = this.currentSeconds * this.unitMs;
    const nowMs = this.clock.nowMs();
    const nextMs = ScheduledJobs.nextBoundary(nowMs, intervalMs, servedMs);
    const timer = setTimeout(() => {
      this.clear();
      if (this.stopped || this.currentSeconds * this.unitMs !== intervalMs) return;
      this.arm(nextMs);
      void this.tick();
    }, nextMs - nowMs);
    timer.unref();
    this.registry.addTimeout(MAINTENANCE_INTERVAL_NAME, timer);
  }

  private clear(): void {
    if (this.registry.doesExist('timeout', MAINTENANCE_INTERVAL_NAME))
      this.registry.deleteTimeout(MAINTENANCE_INTERVAL_NAME);
  }
}
