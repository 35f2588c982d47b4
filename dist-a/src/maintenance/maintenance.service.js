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
exports.MaintenanceService = void 0;
exports.diskFree = diskFree;
const common_1 = require("@nestjs/common");
const node_fs_1 = require("node:fs");
const app_config_1 = require("../config/app-config");
const audit_service_1 = require("../audit/audit.service");
const request_context_1 = require("../common/context/request-context");
const domain_events_1 = require("../common/events/domain-events");
const clock_1 = require("../common/time/clock");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const counters_service_1 = require("../system/counters.service");
const system_service_1 = require("../system/system.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const maintenance_repository_1 = require("./maintenance.repository");
const operational_counters_1 = require("./operational-counters");
const DAY_MS = 86_400_000;
/** "Nearly full": below 5 % or below 200 MB free on the data directory's file system. */
const DISK_MIN_FREE_RATIO = 0.05;
const DISK_MIN_FREE_BYTES = 200 * 1024 * 1024;
/**
 * One maintenance sweep (backend.md §9.2 plus decision 20's retention), run by the scheduler
 * and on demand. Never two at once: a second caller joins the sweep in flight.
 */
let MaintenanceService = class MaintenanceService {
    config;
    repository;
    settings;
    audit;
    system;
    counters;
    clock;
    events;
    logger = new common_1.Logger('maintenance');
    inFlight;
    lastError;
    lastResult;
    constructor(config, repository, settings, audit, system, counters, clock, events) {
        this.config = config;
        this.repository = repository;
        this.settings = settings;
        this.audit = audit;
        this.system = system;
        this.counters = counters;
        this.clock = clock;
        this.events = events;
    }
    onModuleInit() {
        this.system.registerCheck('maintenance', () => this.sweepHealth());
        this.system.registerCheck('disk', () => this.diskHealth());
    }
    get running() {
        return this.inFlight !== undefined;
    }
    get lastSweep() {
        return this.lastResult;
    }
    /** Runs a sweep, or returns the one already running (the scheduler and manual runs share this guard). */
    run() {
        if (this.inFlight)
            return this.inFlight;
        const sweep = this.sweep().finally(() => {
            this.inFlight = undefined;
        });
        this.inFlight = sweep;
        return sweep;
    }
    async sweep() {
        const started = performance.now();
        const ctx = request_context_1.RequestContext.system(this.clock);
        const ts = ctx.now.getTime();
        const now = ctx.nowIso;
        const s = this.settings.get();
        const ago = (ms) => new Date(ts - ms).toISOString();
        try {
            const expiredRegistrationTokens = await this.repository.expireRegistrationTokens(now);
            const expiredCommands = await this.repository.expireCommands(now, ago(this.config.actionPrepareTimeoutSeconds * 1000));
            const offline = await this.repository.markAgentsOffline(now, ago(s.agentOfflineThresholdSeconds * 1000), async (em, agentIds) => {
                for (const agentId of agentIds) {
                    await this.audit.record(ctx, { action: 'system.agent.offline', targetType: 'Agent', targetId: agentId, metadata: { thresholdSeconds: s.agentOfflineThresholdSeconds } }, em);
                }
            });
            // Every batch has committed by now; the events leave the sweep without waiting for listeners.
            for (const agentId of offline) {
                this.events.emit('agent.offline', { agentId, thresholdSeconds: s.agentOfflineThresholdSeconds, occurredAt: now, requestId: ctx.requestId });
            }
            const offlineServices = await this.repository.markServicesOfOfflineAgents(now);
            const deletedAuditEvents = s.auditRetentionDays > 0 ? await this.repository.pruneAudit(ago(s.auditRetentionDays * DAY_MS)) : 0;
            const retention = s.commandRetentionDays > 0 ? ago(s.commandRetentionDays * DAY_MS) : undefined;
            const prunedCommands = retention ? await this.repository.pruneCommands(retention) : {};
            for (const [status, n] of Object.entries(prunedCommands))
                this.counters.increment(`${operational_counters_1.COUNTER_KEYS.prunedPrefix}${status}`, n);
            const deletedCommands = Object.values(prunedCommands).reduce((a, b) => a + b, 0);
            const deletedHealthReports = await this.repository.pruneHealthReports(Math.max(1, s.healthReportsKeep));
            const deletedSessions = await this.repository.pruneSessions(now);
            const deletedAgentTokens = retention ? await this.repository.pruneRevokedAgentTokens(retention) : 0;
            const deletedBusEvents = retention ? await this.repository.pruneBusEvents(retention) : 0;
            const wipedSecrets = await this.repository.wipeSealedSecrets(now);
            const result = {
                expiredRegistrationTokens,
                expiredCommands,
                offlineAgents: offline.length,
                offlineServices,
                deletedAuditEvents,
                deletedCommands,
                deletedHealthReports,
                deletedSessions,
                deletedAgentTokens,
                deletedBusEvents,
                wipedSecrets,
                ranAt: now,
                durationMs: Math.round(performance.now() - started),
            };
            await this.auditOutcome(ctx, result);
            this.lastResult = result;
            this.lastError = undefined;
            return result;
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            this.lastError = { at: now, message };
            this.logger.error({ msg: 'maintenance sweep failed', error: message });
            throw error;
        }
    }
    /** Audit only sweeps that changed something, so an idle server does not fill its own audit log. */
    async auditOutcome(ctx, result) {
        const { ranAt: _ranAt, durationMs: _durationMs, ...counts } = result;
        if (counts.expiredCommands > 0) {
            await this.audit.record(ctx, { action: 'system.command.expired', targetType: 'Workspace', targetId: workspace_entity_1.DEFAULT_WORKSPACE_ID, metadata: { count: counts.expiredCommands } });
        }
        if (Object.values(counts).some((n) => n > 0)) {
            await this.audit.record(ctx, {
                action: 'system.maintenance.completed',
                targetType: 'Workspace',
                targetId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                metadata: { ...counts, durationMs: result.durationMs },
            });
        }
    }
    sweepHealth() {
        if (!this.lastError)
            return { status: 'UP' };
        return { status: 'DEGRADED', message: `Last maintenance sweep failed at ${this.lastError.at}: ${this.lastError.message}` };
    }
    /** Separate so tests can simulate a full disk. */
    probeDisk() {
        return diskFree(this.config.dataDir);
    }
    diskHealth() {
        const free = this.probeDisk();
        if (!free)
            return { status: 'UP' };
        if (free.freeBytes < DISK_MIN_FREE_BYTES || free.freeBytes / free.totalBytes < DISK_MIN_FREE_RATIO) {
            return { status: 'DEGRADED', message: `Data directory disk nearly full: ${Math.round(free.freeBytes / 1024 / 1024)} MB free.` };
        }
        return { status: 'UP' };
    }
};
exports.MaintenanceService = MaintenanceService;
exports.MaintenanceService = MaintenanceService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, maintenance_repository_1.MaintenanceRepository,
        runtime_settings_service_1.RuntimeSettingsService,
        audit_service_1.AuditService,
        system_service_1.SystemService,
        counters_service_1.CountersService,
        clock_1.Clock,
        domain_events_1.DomainEvents])
], MaintenanceService);
/** Free and total bytes of the file system holding `path`; undefined when it cannot be read. */
function diskFree(path) {
    try {
        const stats = (0, node_fs_1.statfsSync)(path);
        const totalBytes = stats.blocks * stats.bsize;
        if (totalBytes <= 0)
            return undefined;
        return { freeBytes: stats.bavail * stats.bsize, totalBytes };
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=maintenance.service.js.map