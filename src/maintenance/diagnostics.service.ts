import { Inject, Injectable } from '@nestjs/common';
import { statSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RequestContext } from '../common/context/request-context';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { diskFree, MaintenanceService } from './maintenance.service';
import { StatsRepository } from './stats.repository';
import type { MaintenanceSettings, RuntimeDiagnostics, SafeConfig } from '../contracts';

@Injectable()
export class DiagnosticsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly settings: RuntimeSettingsService,
    private readonly maintenance: MaintenanceService,
    private readonly scheduler: MaintenanceScheduler,
  ) {}

  async runtime(_ctx: RequestContext): Promise<RuntimeDiagnostics> {
    const memory = process.memoryUsage();
    // PostgreSQL keeps no file of ours: no path or sizes (the URL holds credentials, so it is never shown).
    const path = this.config.databaseKind === 'sqlite' ? this.config.databasePath : null;
    return {
      version: this.config.version,
      edition: 'CE',
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      uptimeSeconds: Math.floor(process.uptime()),
      pid: process.pid,
      memory: {
        rss: memory.rss,
        heapTotal: memory.heapTotal,
        heapUsed: memory.heapUsed,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
      },
      database: {
        kind: this.config.databaseKind,
        path,
        fileSizeBytes: path === null || path === ':memory:' ? null : fileSize(path),
        walSizeBytes: path === null || path === ':memory:' ? null : fileSize(`${path}-wal`),
        tableRowCounts: await this.stats.tableRowCounts(),
      },
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
    databasePath: config.databasePath,
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
