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
exports.PrometheusService = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const prom_client_1 = require("prom-client");
const app_config_1 = require("../config/app-config");
const request_context_1 = require("../common/context/request-context");
const domain_error_1 = require("../common/errors/domain-error");
const clock_1 = require("../common/time/clock");
const command_entity_1 = require("../commands/command.entity");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const counters_service_1 = require("../system/counters.service");
const dashboard_service_1 = require("./dashboard.service");
const metrics_service_1 = require("./metrics.service");
const operational_counters_1 = require("./operational-counters");
const stats_repository_1 = require("./stats.repository");
const AGENT_STATUSES = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
const SERVICE_STATUSES = ['HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE', 'UNKNOWN'];
const COMMAND_STATUSES = ['PENDING', 'RUNNING', ...operational_counters_1.TERMINAL_OUTCOMES];
const DURATION_BUCKETS_S = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const HTTP_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Upper bound of new completions folded into the histogram per scrape. */
const MAX_NEW_DURATIONS = 10_000;
/**
 * The Prometheus exposition (decisions §4) from a registry this module owns (never prom-client's
 * global one, so several app instances in one process do not collide). Gauges and outcome
 * counters are read from the database on scrape; HTTP metrics are observed by the middleware.
 */
let PrometheusService = class PrometheusService {
    config;
    stats;
    settings;
    counters;
    clock;
    registry = new prom_client_1.Registry();
    httpRequests;
    httpDuration;
    commandDuration;
    /** completedAt of the newest command already observed; undefined until the first scrape. */
    durationWatermark;
    constructor(config, stats, settings, counters, clock) {
        this.config = config;
        this.stats = stats;
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
    }
    onModuleInit() {
        const registers = [this.registry];
        if (this.config.metricsEnabled)
            (0, prom_client_1.collectDefaultMetrics)({ register: this.registry, prefix: 'opstage_' });
        const ctx = () => request_context_1.RequestContext.system(this.clock);
        this.gaugeByStatus('opstage_agents', 'Agents by effective status', AGENT_STATUSES, () => this.stats.agentsByEffectiveStatus((0, dashboard_service_1.statusCutoffs)(ctx(), this.settings, this.config.serviceStaleThresholdSeconds)));
        this.gaugeByStatus('opstage_capsule_services', 'Capsule services by effective status', SERVICE_STATUSES, () => this.stats.servicesByEffectiveStatus((0, dashboard_service_1.statusCutoffs)(ctx(), this.settings, this.config.serviceStaleThresholdSeconds)));
        this.gaugeByStatus('opstage_commands', 'Commands currently stored, by status', COMMAND_STATUSES, () => this.stats.byStoredStatus(command_entity_1.CommandEntity));
        const outcomes = new prom_client_1.Counter({
            name: 'opstage_commands_finished_total',
            help: 'Commands that reached a terminal state, by outcome (rows kept plus rows pruned by retention)',
            labelNames: ['outcome'],
            registers,
            collect: async () => {
                const totals = (0, operational_counters_1.commandOutcomeTotals)(await this.stats.byStoredStatus(command_entity_1.CommandEntity), this.counters.snapshot());
                outcomes.reset();
                for (const outcome of operational_counters_1.TERMINAL_OUTCOMES)
                    outcomes.inc({ outcome }, totals[outcome] ?? 0);
            },
        });
        this.persistedCounter('opstage_agent_heartbeats_total', 'Agent heartbeats received', operational_counters_1.COUNTER_KEYS.heartbeats);
        this.persistedCounter('opstage_agent_polls_total', 'Agent command polls received', operational_counters_1.COUNTER_KEYS.polls);
        this.persistedCounter('opstage_commands_dispatched_total', 'Commands handed to agents', operational_counters_1.COUNTER_KEYS.dispatched);
        this.persistedCounter('opstage_command_results_oversized_total', 'Command results rejected as too large', operational_counters_1.COUNTER_KEYS.oversized);
        this.httpRequests = new prom_client_1.Counter({ name: 'opstage_http_requests_total', help: 'HTTP requests by matched route and status', labelNames: ['method', 'route', 'status'], registers });
        this.httpDuration = new prom_client_1.Histogram({
            name: 'opstage_http_request_duration_seconds',
            help: 'HTTP request latency by matched route',
            labelNames: ['method', 'route', 'status'],
            buckets: HTTP_BUCKETS_S,
            registers,
        });
        this.commandDuration = new prom_client_1.Histogram({
            name: 'opstage_command_duration_seconds',
            help: 'Time from dispatch (startedAt) to completion of commands',
            buckets: DURATION_BUCKETS_S,
            registers,
            collect: () => this.observeNewDurations(),
        });
    }
    /** 404 unless enabled; with a configured token, a matching bearer is required (constant-time compare). */
    authorize(authorization) {
        if (!this.config.metricsEnabled)
            throw new domain_error_1.DomainError('METRICS_DISABLED', 'Prometheus metrics are disabled (set OPSTAGE_METRICS_ENABLED=true).');
        const expected = this.config.metricsToken;
        if (!expected)
            return;
        const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
        if (!match?.[1] || !sameSecret(match[1], expected))
            throw (0, domain_error_1.unauthorized)('A valid metrics bearer token is required.');
    }
    async scrape(authorization) {
        this.authorize(authorization);
        return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    }
    observeHttp(method, route, status, seconds) {
        if (!this.httpRequests)
            return;
        const labels = { method, route, status: String(status) };
        this.httpRequests.inc(labels);
        this.httpDuration.observe(labels, seconds);
    }
    gaugeByStatus(name, help, statuses, read) {
        const gauge = new prom_client_1.Gauge({
            name,
            help,
            labelNames: ['status'],
            registers: [this.registry],
            collect: async () => {
                const counts = await read();
                gauge.reset();
                for (const status of new Set([...statuses, ...Object.keys(counts)]))
                    gauge.set({ status }, counts[status] ?? 0);
            },
        });
    }
    persistedCounter(name, help, key) {
        const counter = new prom_client_1.Counter({
            name,
            help,
            registers: [this.registry],
            collect: () => {
                counter.reset();
                counter.inc(this.counters.get(key));
            },
        });
    }
    /** First scrape seeds the histogram with the last 1,000 durations; later scrapes add only newer completions. */
    async observeNewDurations() {
        const rows = this.durationWatermark === undefined
            ? (await this.stats.recentDurations(metrics_service_1.DURATION_SAMPLE)).reverse()
            : await this.stats.durationsSince(this.durationWatermark, MAX_NEW_DURATIONS);
        for (const row of rows) {
            const ms = (0, metrics_service_1.durationMsOf)(row);
            if (ms !== undefined)
                this.commandDuration.observe(ms / 1000);
            if (this.durationWatermark === undefined || row.completedAt > this.durationWatermark)
                this.durationWatermark = row.completedAt;
        }
        this.durationWatermark ??= this.clock.nowIso();
    }
};
exports.PrometheusService = PrometheusService;
exports.PrometheusService = PrometheusService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, stats_repository_1.StatsRepository,
        runtime_settings_service_1.RuntimeSettingsService,
        counters_service_1.CountersService,
        clock_1.Clock])
], PrometheusService);
function sameSecret(given, expected) {
    const a = (0, node_crypto_1.createHash)('sha256').update(given).digest();
    const b = (0, node_crypto_1.createHash)('sha256').update(expected).digest();
    return (0, node_crypto_1.timingSafeEqual)(a, b);
}
//# sourceMappingURL=prometheus.service.js.map