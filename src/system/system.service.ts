import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { StorageGuard } from '../database/storage-guard';
import { SystemRepository } from './system.repository';
import type { ProbeStatus, SystemHealth, SystemVersion } from '../contracts';

/** A named health check other modules can add (e.g. the maintenance sweep's last outcome). */
export type HealthCheck = () => { status: ProbeStatus; message?: string };

const SLOW_DB_MS = 250;

@Injectable()
export class SystemService {
  private readonly startedAt: number;
  private readonly checks = new Map<string, HealthCheck>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SystemRepository,
    private readonly clock: Clock,
    storage: StorageGuard,
  ) {
    this.startedAt = clock.nowMs();
    this.checks.set('storage', () => storage.health());
  }

  registerCheck(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async health(): Promise<SystemHealth> {
    const started = performance.now();
    let dbStatus: ProbeStatus = 'UP';
    try {
      await this.repository.ping();
      if (performance.now() - started > SLOW_DB_MS) dbStatus = 'DEGRADED';
    } catch {
      dbStatus = 'DOWN';
    }
    const checks: SystemHealth['checks'] = {};
    for (const [name, check] of this.checks) checks[name] = check();
    const statuses = [dbStatus, ...Object.values(checks).map((c) => c.status)];
    const status: ProbeStatus = statuses.includes('DOWN') ? 'DOWN' : statuses.includes('DEGRADED') ? 'DEGRADED' : 'UP';
    return {
      status,
      timestamp: this.clock.nowIso(),
      version: this.config.version,
      edition: 'ce',
      database: { status: dbStatus, kind: 'sqlite', latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      uptimeSeconds: Math.floor((this.clock.nowMs() - this.startedAt) / 1000),
      checks,
    };
  }

  version(): SystemVersion {
    const out: SystemVersion = {
      version: this.config.version,
      edition: 'ce',
      features: { capsuleBus: this.config.busEnabled },
    };
    if (this.config.commit) out.commit = this.config.commit;
    if (this.config.buildTime) out.buildTime = this.config.buildTime;
    return out;
  }
}
