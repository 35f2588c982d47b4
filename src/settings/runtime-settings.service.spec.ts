import { LinkedClusterBus } from '../../test/support/linked-cluster-bus';
import type { AppConfig } from '../config/app-config';
import { FixedClock } from '../common/time/clock';
import type { Tx } from '../database/transaction';
import type { TransactionRunner } from '../database/transaction-runner';
import type { MaintenanceSettings } from '../contracts';
import { RuntimeSettingsService } from './runtime-settings.service';
import type { SettingsRepository } from './settings.repository';
import type { SystemSettingEntity } from './system-setting.entity';

const config = {
  agentOfflineThresholdSeconds: 90,
  auditRetentionDays: 30,
  maintenanceIntervalSeconds: 60,
  commandRetentionDays: 14,
  healthReportsKeep: 100,
} as AppConfig;

/** One stored row shared by the replicas, as the database is. */
class SharedRows {
  row: SystemSettingEntity | null = null;
  failReads = false;
  repository(): SettingsRepository {
    return {
      findById: () => (this.failReads ? Promise.reject(new Error('down')) : Promise.resolve(this.row)),
      save: (row: SystemSettingEntity) => {
        this.row = row;
        return Promise.resolve();
      },
      delete: () => {
        this.row = null;
        return Promise.resolve();
      },
    } as unknown as SettingsRepository;
  }
}

/** Runs after-commit hooks when the test says the transaction committed. */
class Commits {
  readonly hooks: (() => void)[] = [];
  runner(): TransactionRunner {
    return { afterCommit: (_tx: Tx, hook: () => void) => this.hooks.push(hook) } as unknown as TransactionRunner;
  }
  commit(): void {
    for (const hook of this.hooks.splice(0)) hook();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('RuntimeSettingsService across replicas', () => {
  const tx = {} as Tx;

  function replica(rows: SharedRows, commits: Commits, bus: LinkedClusterBus): RuntimeSettingsService {
    return new RuntimeSettingsService(config, rows.repository(), new FixedClock(), commits.runner(), bus);
  }

  it('puts a change in force on the other replicas once it commits, and tells their listeners', async () => {
    const rows = new SharedRows();
    const commits = new Commits();
    const a = new LinkedClusterBus();
    const b = a.peer();
    const one = replica(rows, commits, a);
    const two = replica(rows, commits, b);
    await one.onModuleInit();
    await two.onModuleInit();
    const heardOne: MaintenanceSettings[] = [];
    const heardTwo: MaintenanceSettings[] = [];
    one.onChange((s) => heardOne.push(s));
    two.onChange((s) => heardTwo.push(s));

    await one.update({ maintenanceIntervalSeconds: 15 }, tx);
    expect(one.get().maintenanceIntervalSeconds).toBe(15);
    a.flush();
    await settle();
    // Not announced before the commit: the others would have read the old row.
    expect(two.get().maintenanceIntervalSeconds).toBe(60);
    commits.commit();
    a.flush();
    await settle();
    expect(two.get().maintenanceIntervalSeconds).toBe(15);
    expect(heardTwo.map((s) => s.maintenanceIntervalSeconds)).toEqual([15]);
    // The publishing replica applied it once, not again on its own message.
    expect(heardOne.map((s) => s.maintenanceIntervalSeconds)).toEqual([15]);

    await two.reset(tx);
    commits.commit();
    b.flush();
    await settle();
    expect(one.get().maintenanceIntervalSeconds).toBe(60);
  });

  it('reloads after its bus reconnected (the change message was lost) and survives a failed reload', async () => {
    const rows = new SharedRows();
    const commits = new Commits();
    const a = new LinkedClusterBus();
    const b = a.peer();
    const one = replica(rows, commits, a);
    const two = replica(rows, commits, b);
    await two.onModuleInit();
    b.down = true;
    await one.update({ agentOfflineThresholdSeconds: 300 }, tx);
    commits.commit();
    a.flush();
    await settle();
    expect(two.get().agentOfflineThresholdSeconds).toBe(90);
    rows.failReads = true;
    await b.reconnect();
    expect(two.get().agentOfflineThresholdSeconds).toBe(90);
    rows.failReads = false;
    await b.reconnect();
    expect(two.get().agentOfflineThresholdSeconds).toBe(300);
  });
});
