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
exports.BusIngestService = exports.RATE_WINDOW_MS = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const capsule_services_service_1 = require("../capsule-services/capsule-services.service");
const domain_error_1 = require("../common/errors/domain-error");
const id_generator_1 = require("../common/ids/id-generator");
const redact_1 = require("../common/redaction/redact");
const app_config_1 = require("../config/app-config");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const bus_events_repository_1 = require("./bus-events.repository");
const bus_router_service_1 = require("./bus-router.service");
const bus_mapper_1 = require("./bus.mapper");
/** The sliding window of OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN. */
exports.RATE_WINDOW_MS = 60_000;
/**
 * Agent event ingestion (backend.md §4.14): source ownership, per-agent sliding-window rate
 * limit, causation depth (OPSTAGE_CAPSULE_BUS_MAX_DEPTH, which REF ignored), redacted storage,
 * then routing. The checks and the insert share one serialised transaction, so concurrent
 * publishes of one agent cannot slip past the limit together.
 */
let BusIngestService = class BusIngestService {
    config;
    events;
    services;
    router;
    audit;
    tx;
    ids;
    constructor(config, events, services, router, audit, tx, ids) {
        this.config = config;
        this.events = events;
        this.services = services;
        this.router = router;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
    }
    async publish(ctx, agent, dto) {
        const source = await this.services.findByCode(dto.sourceServiceCode);
        if (!source) {
            throw new domain_error_1.DomainError('BUS_SOURCE_SERVICE_NOT_FOUND', 'Source Capsule Service not found.', { sourceServiceCode: dto.sourceServiceCode });
        }
        if (source.agentId !== agent.id) {
            throw new domain_error_1.DomainError('BUS_SOURCE_SERVICE_FORBIDDEN', 'Source Capsule Service belongs to another agent.', { sourceServiceCode: dto.sourceServiceCode });
        }
        const occurredAt = normaliseTime(dto.occurredAt) ?? ctx.nowIso;
        const payload = dto.payload ?? {};
        const metadata = dto.metadata ?? {};
        const row = await this.tx.run(async (em) => {
            await this.assertWithinRate(ctx, agent.id, em);
            const depth = await this.depthOf(dto.causationId, em);
            const event = {
                id: this.ids.next('bev'),
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                agentId: agent.id,
                serviceId: source.id,
                serviceCode: source.code,
                eventType: dto.eventType,
                payloadJson: JSON.stringify((0, redact_1.redact)(payload)),
                metadataJson: JSON.stringify((0, redact_1.redact)(metadata)),
                correlationId: dto.correlationId ?? null,
                causationId: dto.causationId ?? null,
                depth,
                occurredAt,
                acceptedAt: ctx.nowIso,
                routeCount: 0,
            };
            await this.events.insert(event, em);
            await this.audit.record(ctx, {
                action: 'bus.event.accepted',
                targetType: 'BusEvent',
                targetId: event.id,
                metadata: { eventType: event.eventType, sourceServiceCode: event.serviceCode, depth, causationId: event.causationId, dryRun: dto.routePolicy?.dryRun === true },
            }, em);
            return event;
        });
        // Routes see the event as sent: secrets reach the target's command sealed, never in readable columns.
        const view = {
            id: row.id,
            eventType: row.eventType,
            sourceServiceCode: row.serviceCode,
            sourceServiceId: row.serviceId,
            agentId: row.agentId,
            occurredAt: row.occurredAt,
            correlationId: row.correlationId,
            causationId: row.causationId,
            depth: row.depth,
            payload,
            metadata,
        };
        const routedCommands = await this.router.route(ctx, row, view, dto.routePolicy?.dryRun === true);
        return { eventId: row.id, experimental: bus_mapper_1.BUS_EXPERIMENTAL, routedCommands };
    }
    /** 429 with `Retry-After` = seconds until the oldest event that keeps the agent at its limit leaves the window. */
    async assertWithinRate(ctx, agentId, em) {
        const limit = this.config.busIngestPerMin;
        const nowMs = ctx.now.getTime();
        const since = new Date(nowMs - exports.RATE_WINDOW_MS).toISOString();
        const count = await this.events.countSince(agentId, since, em);
        if (count < limit)
            return;
        const pivot = await this.events.nthAcceptedSince(agentId, since, count - limit, em);
        const freesAt = pivot ? Date.parse(pivot) + exports.RATE_WINDOW_MS : nowMs + exports.RATE_WINDOW_MS;
        const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
        throw new domain_error_1.DomainError('BUS_RATE_LIMITED', `Bus rate limit exceeded: ${limit} events/min per agent.`, { limit, windowSeconds: exports.RATE_WINDOW_MS / 1000, retryAfterSeconds }, 429, { 'Retry-After': String(retryAfterSeconds) });
    }
    /** 0 for a root event; parent depth + 1 otherwise, at most OPSTAGE_CAPSULE_BUS_MAX_DEPTH. */
    async depthOf(causationId, em) {
        if (causationId === undefined || causationId === null)
            return 0;
        const parent = await this.events.findById(causationId, em);
        if (!parent) {
            throw new domain_error_1.DomainError('BUS_CAUSATION_NOT_FOUND', 'causationId does not reference a stored bus event, so the event depth cannot be established.', { causationId });
        }
        const depth = parent.depth + 1;
        const maxDepth = this.config.busMaxDepth;
        if (depth > maxDepth) {
            throw new domain_error_1.DomainError('BUS_DEPTH_EXCEEDED', `Bus event depth exceeded: max depth is ${maxDepth}. Router-caused re-entry is not allowed.`, { causationId, depth, maxDepth });
        }
        return depth;
    }
};
exports.BusIngestService = BusIngestService;
exports.BusIngestService = BusIngestService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, bus_events_repository_1.BusEventsRepository,
        capsule_services_service_1.CapsuleServicesService,
        bus_router_service_1.BusRouterService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner,
        id_generator_1.IdGenerator])
], BusIngestService);
function normaliseTime(value) {
    if (value === undefined || value === null)
        return null;
    const ms = Date.parse(value);
    if (!Number.isFinite(ms))
        throw (0, domain_error_1.validationFailed)([{ path: 'occurredAt', message: 'occurredAt must be an ISO-8601 date-time' }]);
    const date = new Date(ms);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) {
        throw (0, domain_error_1.validationFailed)([{ path: 'occurredAt', message: 'occurredAt must be an ISO-8601 date-time' }]);
    }
    return date.toISOString();
}
//# sourceMappingURL=bus-ingest.service.js.map