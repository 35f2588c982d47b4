import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { SystemClock } from '../common/time/clock';
import type { AppConfig } from '../config/app-config';
import type { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import type { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MAINTENANCE_INTERVAL_NAME, MAINTENANCE_JOB, MaintenanceScheduler } from './maintenance.scheduler';
import type { MaintenanceService } from './maintenance.service';
import { ScheduledJobs } from './scheduled-jobs';
import type { ScheduledSlotsRepository } from './scheduled-slots.repository';
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

/** The `scheduled_slots` table shared by several replicas: a key lands once. */
class SlotTable {
  readonly rows = new Map<string, string>();

  repository(): ScheduledSlotsRepository {
    return {
      claim: (job: string, slot: string, replicaId: string) => {
        const key = `${job}@${slot}`;
        if (this.rows.has(key)) return Promise.resolve(false);
        this.rows.set(key, replicaId);
        return Promise.resolve(true);
      },
      claimedBy: (job: string, slot: string) => Promise.resolve(this.rows.get(`${job}@${slot}`) ?? null),
      pruneBefore: () => Promise.resolve(0),
      withJobLock: async <T>(_job: string, work: () => Promise<T>) => ({ ran: true as const, value: await work() }),
    } as unknown as ScheduledSlotsRepository;
  }
}

const inlineTx = { run: <T>(work: (tx: Tx) => Promise<T>) => work({} as Tx) } as unknown as TransactionRunner;

function replica(
  name: string,
  table: SlotTable,
  settings: RuntimeSettingsService,
  sweep: MaintenanceService,
): { scheduler: MaintenanceScheduler; registry: SchedulerRegistry } {
  const clock = new SystemClock();
  const jobs = new ScheduledJobs({ replicaId: name } as AppConfig, table.repository(), inlineTx, clock);
  const registry = new SchedulerRegistry();
  return { scheduler: new MaintenanceScheduler(registry, settings, sweep, jobs, clock, 1000), registry };
}

/** Lets the promise chains of a tick (claim, run) settle under fake timers. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('MaintenanceScheduler', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('ticks on the wall-clock multiples of the interval: booted on one, the first run is one interval later', async () => {
    const sweep = slowSweep(10);
    const { scheduler } = replica('r1', new SlotTable(), settingsStub(60).service, sweep.service);
    scheduler.onApplicationBootstrap();
    expect(sweep.calls()).toBe(0);
    await advance(59_999);
    expect(sweep.calls()).toBe(0);
    await advance(1);
    expect(sweep.calls()).toBe(1);
    await advance(60_000);
    expect(sweep.calls()).toBe(2);
    scheduler.onApplicationShutdown();
  });

  it('booted between boundaries, the first run is at the next boundary', async () => {
    jest.setSystemTime(new Date('2026-01-01T00:00:45.000Z'));
    const sweep = slowSweep(10);
    const { scheduler } = replica('r1', new SlotTable(), settingsStub(60).service, sweep.service);
    scheduler.onApplicationBootstrap();
    await advance(14_999);
    expect(sweep.calls()).toBe(0);
    await advance(1);
    expect(sweep.calls()).toBe(1);
    scheduler.onApplicationShutdown();
  });

  it('reschedules on a settings change, stops at 0 and is cleared on shutdown', async () => {
    const settings = settingsStub(60);
    const sweep = slowSweep(10);
    const { scheduler, registry } = replica('r1', new SlotTable(), settings.service, sweep.service);
    scheduler.onApplicationBootstrap();
    settings.change(5);
    expect(scheduler.intervalSeconds).toBe(5);
    await advance(5_000);
    expect(sweep.calls()).toBe(1);
    settings.change(0);
    expect(registry.doesExist('timeout', MAINTENANCE_INTERVAL_NAME)).toBe(false);
    await advance(600_000);
    expect(sweep.calls()).toBe(1);
    settings.change(10);
    expect(registry.doesExist('timeout', MAINTENANCE_INTERVAL_NAME)).toBe(true);
    scheduler.onApplicationShutdown();
    expect(registry.doesExist('timeout', MAINTENANCE_INTERVAL_NAME)).toBe(false);
    settings.change(5); // a late change after shutdown must not re-arm
    expect(registry.doesExist('timeout', MAINTENANCE_INTERVAL_NAME)).toBe(false);
  });

  it('never overlaps: a tick while a sweep is still running is skipped', async () => {
    const sweep = slowSweep(12_000); // longer than the 5 s interval
    const { scheduler } = replica('r1', new SlotTable(), settingsStub(5).service, sweep.service);
    scheduler.onApplicationBootstrap();
    await advance(5_000); // starts sweep 1 (ends at 17 s)
    await advance(10_000); // ticks at 10 s and 15 s are skipped
    expect(sweep.calls()).toBe(1);
    await advance(5_000); // 20 s: sweep 1 done, sweep 2 starts
    expect(sweep.calls()).toBe(2);
    expect(sweep.maxConcurrent()).toBe(1);
    scheduler.onApplicationShutdown();
  });

  it('three replicas on one slot table: one run per interval, the others log that they skipped', async () => {
    const logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const table = new SlotTable();
    const sweeps = ['r1', 'r2', 'r3'].map((name) => ({ name, sweep: slowSweep(10) }));
    const replicas = sweeps.map(({ name, sweep }) => replica(name, table, settingsStub(10).service, sweep.service));
    for (const r of replicas) r.scheduler.onApplicationBootstrap();
    await advance(100_000);
    const total = sweeps.reduce((n, s) => n + s.sweep.calls(), 0);
    expect(total).toBe(10);
    expect(table.rows.size).toBe(10);
    expect([...table.rows.keys()].every((k) => k.startsWith(`${MAINTENANCE_JOB}@`))).toBe(true);
    const skips = logs.mock.calls.filter(
      ([entry]) => (entry as { msg?: string }).msg === 'scheduled job skipped: another replica runs this interval',
    );
    expect(skips).toHaveLength(20);
    for (const r of replicas) r.scheduler.onApplicationShutdown();
    logs.mockRestore();
  });

  it('when the replica that ran an interval is gone, another runs the next one', async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const table = new SlotTable();
    const a = slowSweep(10);
    const b = slowSweep(10);
    const ra = replica('a', table, settingsStub(10).service, a.service);
    const rb = replica('b', table, settingsStub(10).service, b.service);
    ra.scheduler.onApplicationBootstrap();
    rb.scheduler.onApplicationBootstrap();
    await advance(30_000);
    expect(a.calls() + b.calls()).toBe(3);
    const winner = a.calls() > 0 ? ra : rb;
    const survivor = winner === ra ? b : a;
    const before = survivor.calls();
    winner.scheduler.onApplicationShutdown();
    await advance(30_000);
    expect(survivor.calls() - before).toBe(3);
    ra.scheduler.onApplicationShutdown();
    rb.scheduler.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  it('names the slot by the nearest boundary, so a late timer still claims its own interval', () => {
    expect(ScheduledJobs.slotOf(60_000, 60_000)).toBe(60_000);
    expect(ScheduledJobs.slotOf(60_250, 60_000)).toBe(60_000);
    expect(ScheduledJobs.slotOf(119_990, 60_000)).toBe(120_000);
  });

  it('re-arms past the boundary it just served even when its timer fired a little early', () => {
    // First arming: the next boundary after now.
    expect(ScheduledJobs.nextBoundary(59_000, 60_000)).toBe(60_000);
    // The timer for 120 000 fired at 119 998 (the loop's cached time lagged): the next one is 180 000, not 120 000.
    expect(ScheduledJobs.nextBoundary(119_998, 60_000, 120_000)).toBe(180_000);
    expect(ScheduledJobs.nextBoundary(119_998, 60_000)).toBe(120_000);
    // A late firing skips ahead to the boundary after now.
    expect(ScheduledJobs.nextBoundary(250_000, 60_000, 120_000)).toBe(300_000);
  });
});
