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
Object.defineProperty(exports, "__esModule", { value: true });
exports.BusRouterService = exports.MAX_ROUTES_PER_EVENT = void 0;
const common_1 = require("@nestjs/common");
const agents_service_1 = require("../agents/agents.service");
const audit_service_1 = require("../audit/audit.service");
const capsule_services_service_1 = require("../capsule-services/capsule-services.service");
const action_gating_1 = require("../commands/action-gating");
const action_schema_validator_1 = require("../commands/action-schema-validator");
const commands_service_1 = require("../commands/commands.service");
const request_context_1 = require("../common/context/request-context");
const domain_error_1 = require("../common/errors/domain-error");
const redact_1 = require("../common/redaction/redact");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const bus_events_repository_1 = require("./bus-events.repository");
const bus_routes_repository_1 = require("./bus-routes.repository");
const bus_mapper_1 = require("./bus.mapper");
const input_mapping_1 = require("./input-mapping");
const TARGET_MISSING = new Set(['CAPSULE_SERVICE_NOT_FOUND', 'ACTION_NOT_FOUND', 'ACTION_DISABLED', 'BUS_TARGET_NOT_FOUND']);
/** REF constant (backend.md §1.4): routes evaluated per event, oldest first. */
exports.MAX_ROUTES_PER_EVENT = 10;
/**
 * Turns an accepted event into commands. Each matching route goes through
 * CommandsService.enqueue, the operator's execute path (schema, confirmation, gating, TTL,
 * sealed secrets, long-poll wake-up), with `createdBy` = the route. Dry runs run the same
 * checks without creating anything. Every outcome is audited as SYSTEM.
 */
let BusRouterService = class BusRouterService {
    routes;
    events;
    services;
    commands;
    agents;
    settings;
    audit;
    tx;
    logger = new common_1.Logger('BusRouter');
    constructor(routes, events, services, commands, agents, settings, audit, tx) {
        this.routes = routes;
        this.events = events;
        this.services = services;
        this.commands = commands;
        this.agents = agents;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
    }
    async route(ctx, event, view, forceDryRun) {
        // Routed work is done by the system on the agent's behalf (REF audits it as SYSTEM).
        const system = new request_context_1.RequestContext(ctx.requestId, { kind: 'system', id: null }, null, null, ctx.now);
        const matched = await this.routes.matching(event.eventType, event.serviceCode, exports.MAX_ROUTES_PER_EVENT);
        const outcomes = [];
        for (const route of matched)
            outcomes.push(await this.dispatch(system, route, view, forceDryRun));
        await this.tx.run(async (em) => {
            await this.events.setRouteCount(event.id, outcomes.length, em);
            if (outcomes.length === 0) {
                await this.audit.record(system, { action: 'bus.route.unmatched', targetType: 'BusEvent', targetId: event.id, metadata: { eventType: event.eventType, sourceServiceCode: event.serviceCode } }, em);
            }
            for (const o of outcomes) {
                const { entry } = o;
                await this.audit.record(system, {
                    action: 'bus.route.matched',
                    targetType: 'BusRoute',
                    targetId: entry.routeId,
                    metadata: {
                        eventId: event.id,
                        eventType: event.eventType,
                        dryRun: entry.dryRun,
                        outcome: entry.status,
                        targetServiceCode: entry.targetServiceCode,
                        actionName: entry.actionName,
                        ...(entry.status === 'DRY_RUN' ? { wouldCreate: { serviceId: o.serviceId, actionName: entry.actionName, payload: entry.payloadPreview } } : {}),
                    },
                }, em);
                if (entry.status === 'FAILED') {
                    await this.audit.record(system, {
                        action: 'bus.route.failed',
                        targetType: 'BusRoute',
                        targetId: entry.routeId,
                        result: 'FAILURE',
                        message: entry.errorMessage ?? null,
                        metadata: { eventId: event.id, reason: entry.errorCode, targetServiceCode: entry.targetServiceCode, actionName: entry.actionName, ...(o.details ? { details: o.details } : {}) },
                    }, em);
                }
                if (entry.status === 'CREATED' && entry.commandId) {
                    await this.audit.record(system, {
                        action: 'bus.command.created',
                        targetType: 'Command',
                        targetId: entry.commandId,
                        metadata: { eventId: event.id, routeId: entry.routeId, targetServiceCode: entry.targetServiceCode, actionName: entry.actionName },
                    }, em);
                }
            }
        });
        return outcomes.map((o) => o.entry);
    }
    async dispatch(system, route, view, forceDryRun) {
        const dryRun = route.status === 'DRY_RUN' || forceDryRun;
        const base = { routeId: route.id, dryRun, targetServiceCode: route.targetServiceCode, actionName: route.actionName };
        const mapping = (0, bus_mapper_1.parseJsonObject)(route.inputMappingJson);
        const payload = Object.keys(mapping).length === 0 ? (0, input_mapping_1.referencePayload)(view, bus_mapper_1.BUS_EXPERIMENTAL) : (0, input_mapping_1.applyInputMapping)(mapping, view);
        let serviceId;
        try {
            const service = await this.services.findByCode(route.targetServiceCode);
            if (!service)
                throw targetNotFound();
            serviceId = service.id;
            if (dryRun) {
                await this.preflight(system, service, route.actionName, payload);
                return { route, serviceId, entry: { ...base, status: 'DRY_RUN', payloadPreview: (0, redact_1.redact)(payload) } };
            }
            const command = await this.commands.enqueue(system, {
                serviceId: service.id,
                actionName: route.actionName,
                payload,
                createdBy: { type: 'BUS_ROUTE', id: route.id },
            });
            return { route, serviceId, entry: { ...base, status: 'CREATED', commandId: command.id } };
        }
        catch (error) {
            if (!(error instanceof domain_error_1.DomainError)) {
                // The event is already stored; one broken route must not fail the publish (the agent would re-send it).
                this.logger.error(`route ${route.id} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
                return { route, serviceId, entry: { ...base, status: 'FAILED', errorCode: 'INTERNAL_ERROR', errorMessage: 'Routing failed unexpectedly.' } };
            }
            // REF reports a missing service or enabled action as BUS_TARGET_NOT_FOUND; vanished actions are disabled here.
            if (TARGET_MISSING.has(error.code)) {
                return {
                    route,
                    serviceId,
                    entry: { ...base, status: 'FAILED', errorCode: 'BUS_TARGET_NOT_FOUND', errorMessage: 'Target service/action was not found.' },
                    details: { cause: error.code },
                };
            }
            return { route, serviceId, entry: { ...base, status: 'FAILED', errorCode: error.code, errorMessage: error.message }, details: error.details };
        }
    }
    /** The checks `enqueue` makes, in the same order, without writing anything. */
    async preflight(system, service, actionName, payload) {
        const { action, agentId, raw } = await this.commands.loadAction(service.id, actionName);
        if (action.enabled === false)
            throw new domain_error_1.DomainError('ACTION_DISABLED', 'Action is disabled.', { serviceId: service.id, actionName });
        const issues = (0, action_schema_validator_1.validateAgainstSchema)(action.inputSchema, payload);
        if (issues.length > 0)
            throw (0, domain_error_1.validationFailed)(issues, 'Action payload validation failed.');
        if (raw.requiresConfirmation || raw.dangerLevel === 'HIGH') {
            throw new domain_error_1.DomainError('ACTION_REQUIRES_CONFIRMATION', 'This action requires confirmation: send "confirmation": true.', { actionName });
        }
        const agent = await this.agents.findById(agentId);
        (0, action_gating_1.assertAgentCanHandleAction)(agent, system.now.getTime(), this.settings.get().agentOfflineThresholdSeconds);
    }
};
exports.BusRouterService = BusRouterService;
exports.BusRouterService = BusRouterService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [bus_routes_repository_1.BusRoutesRepository,
        bus_events_repository_1.BusEventsRepository,
        capsule_services_service_1.CapsuleServicesService,
        commands_service_1.CommandsService,
        agents_service_1.AgentsService,
        runtime_settings_service_1.RuntimeSettingsService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner])
], BusRouterService);
function targetNotFound() {
    return new domain_error_1.DomainError('BUS_TARGET_NOT_FOUND', 'Target service/action was not found.', undefined, 404);
}
//# sourceMappingURL=bus-router.service.js.map