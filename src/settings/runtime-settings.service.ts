import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { ClusterBus } from '../cluster/cluster-bus';
import type { Tx } from '../database/transaction';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { SettingsRepository } from './settings.repository';
import type { MaintenanceSettings } from '../contracts';

export const MAINTENANCE_SETTINGS_ID = 'set_maintenance';
const KEYS: (keyof MaintenanceSettings)[] = [
  'agentOfflineThresholdSeconds',
  'auditRetentionDays',
  'maintenanceIntervalSeconds',
  'commandRetentionDays',
  'healthReportsKeep',
];

type Listener = (settings: MaintenanceSettings) => void;

/**
 * Single source of the effective thresholds for the sweep, effective status, action gating and
 * metrics. Cached in memory (the heartbeat path reads it) and refreshed on every write: on this
 * replica at once, on the others when the change's commit reaches them through the cluster bus
 * (and after the bus reconnected, in case that message was lost).
 */
@Injectable()
export class RuntimeSettingsService implements OnModuleInit {
  private cached: MaintenanceSettings;
  private overrides: Partial<MaintenanceSettings> = {};
  private readonly listeners: Listener[] = [];
  private readonly logger = new Logger('settings');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SettingsRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly bus: ClusterBus,
  ) {
    this.cached = this.defaults();
    bus.subscribe('settings.changed', (_payload, meta) => {
      if (!meta.local) void this.refresh();
    });
    bus.onReconnect('refresh', () => this.refresh());
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  defaults(): MaintenanceSettings {
    return {
      agentOfflineThresholdSeconds: this.config.agentOfflineThresholdSeconds,
      auditRetentionDays: this.config.auditRetentionDays,
      maintenanceIntervalSeconds: this.config.maintenanceIntervalSeconds,
      commandRetentionDays: this.config.commandRetentionDays,
      healthReportsKeep: this.config.healthReportsKeep,
    };
  }

  /** Effective values (synchronous: hot paths call it per request). */
  get(): MaintenanceSettings {
    return this.cached;
  }

  /** Only the keys an owner pinned. */
  storedOverrides(): Partial<MaintenanceSettings> {
    return { ...this.overrides };
  }

  /** Reads the stored overrides; listeners hear of it when the effective values changed (another replica wrote). */
  async reload(em?: EntityManager): Promise<MaintenanceSettings> {
    const before = JSON.stringify(this.cached);
    const row = await this.repository.findById(MAINTENANCE_SETTINGS_ID, em);
    this.overrides = row ? parseOverrides(row.valueJson) : {};
    this.cached = { ...this.defaults(), ...this.overrides };
    if (JSON.stringify(this.cached) !== before) for (const listener of this.listeners) listener(this.cached);
    return this.cached;
  }

  /** Merges a partial update into the stored overrides; callers validate ranges and audit. */
  async update(patch: Partial<MaintenanceSettings>, em: Tx): Promise<MaintenanceSettings> {
    const now = this.clock.nowIso();
    const existing = await this.repository.findById(MAINTENANCE_SETTINGS_ID, em);
    const overrides = { ...(existing ? parseOverrides(existing.valueJson) : {}), ...patch };
    await this.repository.save(
      {
        id: MAINTENANCE_SETTINGS_ID,
        workspaceId: DEFAULT_WORKSPACE_ID,
        key: 'maintenance',
        valueJson: JSON.stringify(overrides),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      },
      em,
    );
    this.announce(em);
    return this.apply(overrides);
  }

  async reset(em: Tx): Promise<MaintenanceSettings> {
    await this.repository.delete(MAINTENANCE_SETTINGS_ID, em);
    this.announce(em);
    return this.apply({});
  }

  /** Called after every change (the scheduler reschedules itself). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** The other replicas reload once the change is committed (never before: they would read the old row). */
  private announce(em: Tx): void {
    this.tx.afterCommit(em, () => this.bus.publish('settings.changed', {}));
  }

  /** Another replica changed the settings: reload them and tell the listeners (the scheduler). */
  private async refresh(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      // The database is away: the bus reconnects when it is back, and reconnecting refreshes again.
      this.logger.warn({ msg: 'settings reload failed', error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private apply(overrides: Partial<MaintenanceSettings>): MaintenanceSettings {
    this.overrides = overrides;
    this.cached = { ...this.defaults(), ...overrides };
    for (const listener of this.listeners) listener(this.cached);
    return this.cached;
  }
}

/** A corrupt stored row falls back to the defaults instead of breaking every request. */
function parseOverrides(json: string): Partial<MaintenanceSettings> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object') return {};
    const out: Partial<MaintenanceSettings> = {};
    for (const key of KEYS) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[key] = v;
    }
    return out;
  } catch {
    return {};
  }
}
