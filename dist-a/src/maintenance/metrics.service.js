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
exports.MetricsService = exports.DURATION_SAMPLE = void 0;
exports.durationMsOf = durationMsOf;
exports.summarizeDurations = summarizeDurations;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const command_entity_1 = require("../commands/command.entity");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const counters_service_1 = require("../system/counters.service");
const dashboard_service_1 = require("./dashboard.service");
const operational_counters_1 = require("./operational-counters");
const stats_repository_1 = require("./stats.repository");
/** REF: the duration sample is the last 1,000 commands with both timestamps. */
exports.DURATION_SAMPLE = 1000;
const TOP_ERRORS = 5;
let MetricsService = class MetricsService {
    config;
    stats;
    settings;
    counters;
    constructor(config, stats, settings, counters) {
        this.config = config;
        this.stats = stats;
        this.settings = settings;
        this.counters = counters;
    }
    async metrics(ctx) {
        const cutoffs = (0, dashboard_service_1.statusCutoffs)(ctx, this.settings, this.config.serviceStaleThresholdSeconds);
        const [workspace, users, agents, services, tokens, commands, auditEvents, durations, topCommandErrors, prepare, staleOnlineAgents] = await Promise.all([
            this.stats.findWorkspace(),
            this.stats.countUsers(),
            this.stats.agentsByEffectiveStatus(cutoffs),
            this.stats.servicesByEffectiveStatus(cutoffs),
            this.stats.registrationTokensByStatus(),
            this.stats.byStoredStatus(command_entity_1.CommandEntity),
            this.stats.countAudit(),
            this.stats.recentDurations(exports.DURATION_SAMPLE),
            this.stats.topCommandErrors(TOP_ERRORS),
            this.stats.prepareStats(),
            this.stats.staleOnlineAgents(cutoffs),
        ]);
        const counters = this.counters.snapshot();
        const outcomes = (0, operational_counters_1.commandOutcomeTotals)(commands, counters);
        return {
            workspace: (0, dashboard_service_1.workspaceSummary)(workspace),
            totals: { users, agents: sum(agents), capsuleServices: sum(services), registrationTokens: sum(tokens), commands: sum(commands), auditEvents },
            byStatus: { agents, capsuleServices: services, registrationTokens: tokens, commands },
            operational: {
                agentCommandPolls: counters[operational_counters_1.COUNTER_KEYS.polls] ?? 0,
                agentHeartbeats: counters[operational_counters_1.COUNTER_KEYS.heartbeats] ?? 0,
                commandsDispatched: counters[operational_counters_1.COUNTER_KEYS.dispatched] ?? 0,
                commandsCompleted: outcomes.SUCCEEDED ?? 0,
                commandsFailed: outcomes.FAILED ?? 0,
                commandsCancelled: outcomes.CANCELLED ?? 0,
                commandsExpired: outcomes.EXPIRED ?? 0,
                actionPrepareRequested: prepare.requested,
                actionPrepareTimeouts: prepare.timeouts,
                actionPrepareFailures: prepare.failures,
                oversizedCommandResultsRejected: counters[operational_counters_1.COUNTER_KEYS.oversized] ?? 0,
                staleOnlineAgents,
                counters,
            },
            commandDurations: summarizeDurations(durations),
            topCommandErrors,
        };
    }
};
exports.MetricsService = MetricsService;
exports.MetricsService = MetricsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, stats_repository_1.StatsRepository,
        runtime_settings_service_1.RuntimeSettingsService,
        counters_service_1.CountersService])
], MetricsService);
function sum(map) {
    return Object.values(map).reduce((a, b) => a + b, 0);
}
function durationMsOf(row) {
    const ms = Date.parse(row.completedAt) - Date.parse(row.startedAt);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
/** Nearest-rank percentiles (index ceil(p/100·n) − 1) as REF; negative or unparsable spans dropped. */
function summarizeDurations(rows) {
    const values = rows.map(durationMsOf).filter((v) => v !== undefined).sort((a, b) => a - b);
    const n = values.length;
    if (n === 0)
        return { sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null };
    const rank = (p) => values[Math.max(0, Math.ceil((p / 100) * n) - 1)] ?? 0;
    return {
        sampleSize: n,
        p50Ms: rank(50),
        p95Ms: rank(95),
        maxMs: values[n - 1] ?? 0,
        meanMs: Math.round(values.reduce((a, b) => a + b, 0) / n),
    };
}
//# sourceMappingURL=metrics.service.js.map