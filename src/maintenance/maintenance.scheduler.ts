import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MaintenanceService } from './maintenance.service';

export const MAINTENANCE_INTERVAL_NAME = 'opstage-maintenance';
/** Milliseconds per configured "second"; tests inject a smaller unit to see several ticks quickly. */
export const MAINTENANCE_TICK_UNIT_MS = Symbol('MAINTENANCE_TICK_UNIT_MS');

/**
 * Runs the sweep every effective `maintenanceIntervalSeconds` (0 = off). The first run is one
 * interval after boot; a settings change re-arms the timer at once; a tick that finds a sweep
 * still running is skipped (the service's in-flight guard).
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
    const timer = setInterval(() => void this.tick(), seconds * this.unitMs);
    timer.unref();
    this.registry.addInterval(MAINTENANCE_INTERVAL_NAME, timer);
    this.currentSeconds = seconds;
  }

  /** One scheduled run; errors are already logged and surfaced in /api/system/health by the service. */
  async tick(): Promise<void> {
    if (this.maintenance.running) {
      this.logger.warn({ msg: 'maintenance sweep still running; tick skipped' });
      return;
    }
    try {
      await this.maintenance.run();
    } catch {
      // Logged by MaintenanceService; the next tick tries again.
    }
  }

  private clear(): void {
    if (this.registry.doesExist('interval', MAINTENANCE_INTERVAL_NAME))
      this.registry.deleteInterval(MAINTENANCE_INTERVAL_NAME);
  }
}
