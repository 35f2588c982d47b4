import { Inject, Injectable } from '@nestjs/common';
import { statSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ClusterBus } from '../cluster/cluster-bus';
import type { RequestContext } from '../common/context/request-context';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { diskFree, MaintenanceService } from './maintenance.service';
import { StatsRepository } from './stats.repository';
import type { MaintenanceSettings, RuntimeDiagnostics, SafeConfig } from '../contracts';

type DatabaseDiagnostics = RuntimeDiagnostics['database'];

@Injectable()
export class DiagnosticsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly settings: RuntimeSettingsService,
    private readonly maintenance: MaintenanceService,
    private readonly scheduler: MaintenanceScheduler,
    private readonly cluster: ClusterBus,
  ) {}

  async runtime(_ctx: RequestContext): Promise<RuntimeDiagnostics> {
    const memory = process.memoryUsage();
    return {
      version: this.config.version,
      edition: 'CE',
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      uptimeSeconds: Math.floor(process.uptime()),
      pid: process.pid,
      replicaId: this.config.replicaId,
      memory: {
        rss: memory.rss,
        heapTotal: memory.heapTotal,
        heapUsed: memory.heapUsed,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
      },
      database: await this.database(),
      cluster: { ...this.cluster.state() },
      disk: diskFree(this.config.dataDir) ?? null,
      maintenance: {
        settings: this.settings.get(),
        schedulerIntervalSeconds: this.scheduler.intervalSeconds,
        running: this.maintenance.running,
        lastSweep: this.maintenance.lastSweep ?? null,
      },
      config: safeConfig(this.config, this.settings.get()),
    };
  }

  private async database(): Promise<DatabaseDiagnostics> {
    const tableRowCounts = await this.stats.tableRowCounts();
    if (this.config.databaseKind === 'postgres')
      return { kind: 'postgres', pool: this.stats.poolStats(this.config.databasePoolSize), tableRowCounts };
    const path = this.config.databasePath;
    return {
      kind: 'sqlite',
      path,
      fileSizeBytes: path === ':memory:' ? null : fileSize(path),
      walSizeBytes: path === ':memory:' ? null : fileSize(`${path}-wal`),
      tableRowCounts,
    };
  }
}

/**
 * Built field by field (an allow-list), so a secret added to AppConfig later cannot leak here by
 * default: sessionSecret, adminPassword, metricsToken and the webhook secret are never copied.
 */
export function safeConfig(config: AppConfig, maintenance: MaintenanceSettings): SafeConfig {
  return {
    host: config.host,
    port: config.port,
    nodeEnv: config.nodeEnv ?? null,
    dataDir: config.dataDir,
    databaseKind: config.databaseKind,
    databasePath: config.databaseKind === 'sqlite' ? config.databasePath : null,
    databasePoolSize: config.databasePoolSize,
    replicaId: config.replicaId,
    staticDir: config.staticDir,
    backupDir: config.backupDir,
    backupKeep: config.backupKeep,
    sessionTtlSeconds: config.sessionTtlSeconds,
    cookieSecure: config.cookieSecure,
    adminUsername: config.adminUsername ?? null,
    agentOfflineThresholdSeconds: config.agentOfflineThresholdSeconds,
    serviceStaleThresholdSeconds: config.serviceStaleThresholdSeconds,
    heartbeatIntervalSeconds: config.heartbeatIntervalSeconds,
    commandPollIntervalSeconds: config.commandPollIntervalSeconds,
    commandTtlSeconds: config.commandTtlSeconds,
    actionPrepareTimeoutSeconds: config.actionPrepareTimeoutSeconds,
    commandResultMaxBytes: config.commandResultMaxBytes,
    auditRetentionDays: config.auditRetentionDays,
    commandRetentionDays: config.commandRetentionDays,
    healthReportsKeep: config.healthReportsKeep,
    maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
    capsuleBusEnabled: config.busEnabled,
    busIngestPerMin: config.busIngestPerMin,
    busMaxDepth: config.busMaxDepth,
    metricsEnabled: config.metricsEnabled,
    metricsTokenSet: Boolean(config.metricsToken),
    logLevel: config.logLevel,
    publicBaseUrl: config.publicBaseUrl ?? null,
    extensions: [...config.extensions],
    webhook: {
      url: maskUrl(config.webhook.url),
      secretSet: Boolean(config.webhook.secret),
      events: [...config.webhook.events],
    },
    maintenance,
  };
}

/**
 * Only the origin (scheme, host, port) of a configured URL: the path of a Slack-style webhook is
 * its secret, and user info or query may carry credentials too (docs/security.md).
 */
export function maskUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? '***' : origin;
  } catch {
    return '***';
  }
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
