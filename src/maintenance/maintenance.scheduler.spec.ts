import { SchedulerRegistry } from '@nestjs/schedule';
import type { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MAINTENANCE_INTERVAL_NAME, MaintenanceScheduler } from './maintenance.scheduler';
import type { MaintenanceService } from './maintenance.service';
import type { MaintenanceSettings, SweepResult } from '../contracts';

function settingsStub(interval: number): { service: RuntimeSettingsService; change(seconds: number): void } {
  let current = { maintenanceIntervalSeconds: interval } as MaintenanceSettings;
  const listeners: ((s: MaintenanceSettings) => void)[] = [];
  const service = {
    get: () => current,
    onChange: (l: (s: MaintenanceSettings) => void) => listeners.push(l),
  } as unknown as RuntimeSettingsService;
  return {
    service,
    change(seconds) {
      current = { ...current, maintenanceIntervalSeconds: seconds };
      for (const l of listeners) l(current);
    },
  };
}

/** A sweep that takes `ms` (fake time) and counts how many ran at once. */
function slowSweep(ms: number): { service: MaintenanceService; calls: () => number; maxConcurrent: () => number } {
  let running = 0;
  let max = 0;
  let calls = 0;
  let inFlight: Promise<SweepResult> | undefined;
  const service = {
    get running() {
      return inFlight !== undefined;
    },
    run: () => {
      if (inFlight) return inFlight;
      calls += 1;
      running += 1;
      max = Math.max(max, running);
      inFlight = new Promise<SweepResult>((resolve) =>
        setTimeout(() => {
          running -= 1;
          inFlight = undefined;
          resolve({} as SweepResult);
        }, ms),
      );
      return inFlight;
    },
  } as unknown as MaintenanceService;
  return { service, calls: () => calls, maxConcurrent: () => max };
}

describe('MaintenanceScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('first runs one interval after boot, then every interval', () => {
    const registry = new SchedulerRegistry();
    const settings = settingsStub(60);
    const sweep = slowSweep(10);
    const scheduler = new MaintenanceScheduler(registry, settings.service, sweep.service, 1000);
    scheduler.onApplicationBootstrap();
    expect(sweep.calls()).toBe(0);
    jest.advanceTimersByTime(59_999);
    expect(sweep.calls()).toBe(0);
    jest.advanceTimersByTime(1);
    expect(sweep.calls()).toBe(1);
    jest.advanceTimersByTime(60_000);
    expect(sweep.calls()).toBe(2);
    scheduler.onApplicationShutdown();
  });

  it('reschedules on a settings change, stops at 0 and is cleared on shutdown', () => {
    const registry = new SchedulerRegistry();
    const settings = settingsStub(60);
    const sweep = slowSweep(10);
    const scheduler = new MaintenanceScheduler(registry, settings.service, sweep.service, 1000);
    scheduler.onApplicationBootstrap();
    settings.change(5);
    expect(scheduler.intervalSeconds).toBe(5);
    jest.advanceTimersByTime(5_000);
    expect(sweep.calls()).toBe(1);
    settings.change(0);
    expect(registry.doesExist('interval', MAINTENANCE_INTERVAL_NAME)).toBe(false);
    jest.advanceTimersByTime(600_000);
    expect(sweep.calls()).toBe(1);
    settings.change(10);
    expect(registry.doesExist('interval', MAINTENANCE_INTERVAL_NAME)).toBe(true);
    scheduler.onApplicationShutdown();
    expect(registry.doesExist('interval', MAINTENANCE_INTERVAL_NAME)).toBe(false);
    settings.change(5); // a late change after shutdown must not re-arm
    expect(registry.doesExist('interval', MAINTENANCE_INTERVAL_NAME)).toBe(false);
  });

  it('never overlaps: a tick while a sweep is still running is skipped', () => {
    const registry = new SchedulerRegistry();
    const sweep = slowSweep(12_000); // longer than the 5 s interval
    const scheduler = new MaintenanceScheduler(registry, settingsStub(5).service, sweep.service, 1000);
    scheduler.onApplicationBootstrap();
    jest.advanceTimersByTime(5_000); // starts sweep 1 (ends at 17 s)
    jest.advanceTimersByTime(10_000); // ticks at 10 s and 15 s are skipped
    expect(sweep.calls()).toBe(1);
    jest.advanceTimersByTime(5_000); // 20 s: sweep 1 done, sweep 2 starts
    expect(sweep.calls()).toBe(2);
    expect(sweep.maxConcurrent()).toBe(1);
    scheduler.onApplicationShutdown();
  });
});
