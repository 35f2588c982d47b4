import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { StorageGuard } from '../database/storage-guard';
import { SystemRepository } from './system.repository';
import type { ProbeStatus, SystemHealth, SystemVersion } from '../contracts';

/** A named health check other modules can add (e.g. the maintenance sweep's last outcome). */
export type HealthCheck = () => { status: ProbeStatus; message?: string };

const SLOW_DB_MS = 250;
/**
 * A probe that has not answered by then counts as DOWN: a load balancer's health check must get an answer even
 * while the database hangs (docs/scaling.md, "Failure modes").
 */
const PROBE_TIMEOUT_MS = 3_000;

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
      await withTimeout(this.repository.ping(), PROBE_TIMEOUT_MS);
      if (performance.now() - started > SLOW_DB_MS) dbStatus = 'DEGRADED';
    } catch {
      // Never the driver's message: it may name the host, the user or worse (docs/scaling.md, "Failure modes").
      dbStatus = 'DOWN';
    }
    const checks: SystemHealth['checks'] = { database: databaseCheck(dbStatus) };
    for (const [name, check] of this.checks) checks[name] = check();
    const statuses = Object.values(checks).map((c) => c.status);
    const status: ProbeStatus = statuses.includes('DOWN') ? 'DOWN' : statuses.includes('DEGRADED') ? 'DEGRADED' : 'UP';
    return {
      status,
      timestamp: this.clock.nowIso(),
      version: this.config.version,
      edition: 'ce',
      replicaId: this.config.replicaId,
      database: {
        status: dbStatus,
        kind: this.config.databaseKind,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
      },
      uptimeSeconds: Math.floor((this.clock.nowMs() - this.startedAt) / 1000),
      checks,
    };
  }

  version(): SystemVersion {
    const out: SystemVersion = {
      version: this.config.version,
      edition: 'ce',
      database: this.config.databaseKind,
      features: { capsuleBus: this.config.busEnabled },
    };
    if (this.config.commit) out.commit = this.config.commit;
    if (this.config.buildTime) out.buildTime = this.config.buildTime;
    return out;
  }
}

function databaseCheck(status: ProbeStatus): { status: ProbeStatus; message?: string } {
  if (status === 'DOWN') return { status, message: 'The database did not answer.' };
  if (status === 'DEGRADED') return { status, message: `The database answered slower than ${SLOW_DB_MS} ms.` };
  return { status };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('database probe timed out')), ms);
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
