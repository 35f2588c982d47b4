"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DiagnosticsService = void 0;
exports.safeConfig = safeConfig;
exports.maskUrl = maskUrl;
const common_1 = require("@nestjs/common");
const node_fs_1 = require("node:fs");
const app_config_1 = require("../config/app-config");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const maintenance_scheduler_1 = require("./maintenance.scheduler");
const maintenance_service_1 = require("./maintenance.service");
const stats_repository_1 = require("./stats.repository");
let DiagnosticsService = class DiagnosticsService {
    config;
    stats;
    settings;
    maintenance;
    scheduler;
    constructor(config, stats, settings, maintenance, scheduler) {
        this.config = config;
        this.stats = stats;
        this.settings = settings;
        this.maintenance = maintenance;
        this.scheduler = scheduler;
    }
    async runtime(_ctx) {
        const memory = process.memoryUsage();
        const path = this.config.databasePath;
        return {
            version: this.config.version,
            edition: 'CE',
            node: process.version,
            platform: process.platform,
            arch: process.arch,
            uptimeSeconds: Math.floor(process.uptime()),
            pid: process.pid,
            memory: { rss: memory.rss, heapTotal: memory.heapTotal, heapUsed: memory.heapUsed, external: memory.external, arrayBuffers: memory.arrayBuffers },
            database: {
                kind: 'sqlite',
                path,
                fileSizeBytes: path === ':memory:' ? null : fileSize(path),
                walSizeBytes: path === ':memory:' ? null : fileSize(`${path}-wal`),
                tableRowCounts: await this.stats.tableRowCounts(),
            },
            disk: (0, maintenance_service_1.diskFree)(this.config.dataDir) ?? null,
            maintenance: {
                settings: this.settings.get(),
                schedulerIntervalSeconds: this.scheduler.intervalSeconds,
                running: this.maintenance.running,
                lastSweep: this.maintenance.lastSweep ?? null,
            },
            config: safeConfig(this.config, this.settings.get()),
        };
    }
};
exports.DiagnosticsService = DiagnosticsService;
exports.DiagnosticsService = DiagnosticsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, stats_repository_1.StatsRepository,
        runtime_settings_service_1.RuntimeSettingsService,
        maintenance_service_1.MaintenanceService,
        maintenance_scheduler_1.MaintenanceScheduler])
], DiagnosticsService);
/**
 * Built field by field (an allow-list), so a secret added to AppConfig later cannot leak here by
 * default: sessionSecret, adminPassword, metricsToken and the webhook secret are never copied.
 */
function safeConfig(config, maintenance) {
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
        webhook: { url: maskUrl(config.webhook.url), secretSet: Boolean(config.webhook.secret), events: [...config.webhook.events] },
        maintenance,
    };
}
/** Keeps scheme, host and path; drops user info and query (either may carry a credential). */
function maskUrl(url) {
    if (!url)
        return null;
    try {
        const parsed = new URL(url);
        const auth = parsed.username || parsed.password ? '***@' : '';
        return `${parsed.protocol}//${auth}${parsed.host}${parsed.pathname}${parsed.search ? '?***' : ''}`;
    }
    catch {
        return '***';
    }
}
function fileSize(path) {
    try {
        return (0, node_fs_1.statSync)(path).size;
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=diagnostics.service.js.map