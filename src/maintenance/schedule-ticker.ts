import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ScheduleRunsService } from '../schedules/schedule-runs.service';
import type { ScheduleEntity } from '../schedules/schedule.entity';
import { ScheduledJobs } from './scheduled-jobs';

/**
 * Every `scheduleTickSeconds` (0 = off on this replica) hands the due schedules to ScheduleRunsService, with
 * ScheduledJobs as the claim, so each planned time runs on exactly one replica (docs/schedules.md, "Several
 * replicas"). A tick still going when the next one is due makes that one wait for it rather than overlap.
 */
@Injectable()
export class ScheduleTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('schedules');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: ScheduleRunsService,
    private readonly jobs: ScheduledJobs,
    private readonly clock: Clock,
  ) {}

  private get tickMs(): number {
    return this.config.scheduleTickSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    if (this.tickMs > 0) this.arm(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over the due schedules; a pass still going makes this call wait for it instead of starting another. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (!this.stopped) this.arm(this.tickMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runDue(): Promise<void> {
    const nowMs = this.clock.nowMs();
    // Slot rows of a schedule job are kept at least a day (ScheduledJobs), whatever the tick.
    const intervalMs = Math.max(this.tickMs, 1000);
    let due: ScheduleEntity[];
    try {
      due = await this.runs.due(nowMs);
    } catch (error) {
      this.logger.error({ msg: 'schedule tick failed; the next tick tries again', error: messageOf(error) });
      return;
    }
    for (const row of due) {
      if (this.stopped) return;
      try {
        await this.runs.handle(row, nowMs, this.tickMs, (job, slotMs, work) =>
          this.jobs.runOnce(job, slotMs, intervalMs, work),
        );
      } catch (error) {
        this.logger.error({ msg: 'schedule run failed unexpectedly', scheduleId: row.id, error: messageOf(error) });
      }
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
