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
exports.CapsuleServicesService = void 0;
const common_1 = require("@nestjs/common");
const agents_service_1 = require("../agents/agents.service");
const audit_service_1 = require("../audit/audit.service");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const app_config_1 = require("../config/app-config");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const action_mapper_1 = require("./action.mapper");
const capsule_service_mapper_1 = require("./capsule-service.mapper");
const capsule_services_repository_1 = require("./capsule-services.repository");
const catalog_repository_1 = require("./catalog.repository");
const service_status_1 = require("./service-status");
/** How many health reports `GET …/:id/health` returns. */
const HEALTH_HISTORY = 20;
/** Read side of Capsule Services plus the owner-only reassign (decision 3). */
let CapsuleServicesService = class CapsuleServicesService {
    services;
    catalog;
    agents;
    settings;
    audit;
    tx;
    config;
    constructor(services, catalog, agents, settings, audit, tx, config) {
        this.services = services;
        this.catalog = catalog;
        this.agents = agents;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.config = config;
    }
    findById(id, em) {
        return this.services.findById(id, em);
    }
    /** Services are unique by code per workspace (the bus addresses them by code). */
    findByCode(code, em) {
        return this.services.findByCode(code, em);
    }
    findAction(serviceId, name, em) {
        return this.catalog.findAction(serviceId, name, em);
    }
    toActionDefinition(entity) {
        return (0, action_mapper_1.toActionDefinition)(entity);
    }
    thresholds() {
        return { agentOfflineThresholdSeconds: this.settings.get().agentOfflineThresholdSeconds, serviceStaleThresholdSeconds: this.config.serviceStaleThresholdSeconds };
    }
    /** The pure rule with the current thresholds; `agent` null = owner missing. */
    effectiveStatus(service, agent, nowMs) {
        return (0, service_status_1.serviceEffectiveStatus)(service, agent, nowMs, this.thresholds());
    }
    toResponse(service, agent, nowMs) {
        return (0, capsule_service_mapper_1.toServiceResponse)(service, this.effectiveStatus(service, agent, nowMs));
    }
    /** Counts per effective status (same SQL rule as the list filter), for dashboards and metrics. */
    countByEffectiveStatus(nowMs) {
        const cutoffs = this.cutoffs(nowMs);
        return this.services.countByEffectiveStatus(cutoffs.heartbeatCutoffIso, cutoffs.reportCutoffIso);
    }
    async list(ctx, query) {
        const req = (0, pagination_dto_1.pageRequest)(query);
        const nowMs = ctx.now.getTime();
        const { rows, total } = await this.services.list({
            status: query.status,
            healthStatus: query.healthStatus,
            agentId: query.agentId,
            q: query.q,
            ...this.cutoffs(nowMs),
            offset: req.offset,
            limit: req.pageSize,
        });
        return new envelope_1.Page(rows.map((r) => this.toResponse(r.service, r.agent, nowMs)), (0, pagination_dto_1.pagination)(req, total));
    }
    async detail(ctx, id) {
        const { service, agent } = await this.loadOrThrow(id);
        const [health, configs, actions] = await Promise.all([this.catalog.latestHealth(id), this.catalog.configs(id), this.catalog.actions(id)]);
        return {
            ...this.toResponse(service, agent, ctx.now.getTime()),
            manifest: (0, capsule_service_mapper_1.manifestOf)(service),
            ...(0, capsule_service_mapper_1.extrasOf)(service),
            health: health ? (0, capsule_service_mapper_1.toHealthResponse)(health) : null,
            configs: configs.map(capsule_service_mapper_1.toConfigResponse),
            actions: actions.map(action_mapper_1.toActionDefinition),
        };
    }
    async manifest(_ctx, id) {
        const { service } = await this.loadOrThrow(id);
        return (0, capsule_service_mapper_1.manifestOf)(service);
    }
    /** Latest first; `data` is the recent history (decision 24). */
    async health(_ctx, id) {
        await this.loadOrThrow(id);
        return (await this.catalog.recentHealth(id, HEALTH_HISTORY)).map(capsule_service_mapper_1.toHealthResponse);
    }
    async configs(_ctx, id) {
        await this.loadOrThrow(id);
        return (await this.catalog.configs(id)).map(capsule_service_mapper_1.toConfigResponse);
    }
    async actions(_ctx, id) {
        await this.loadOrThrow(id);
        return (await this.catalog.actions(id)).map(action_mapper_1.toActionDefinition);
    }
    /** Agent detail with its services (lives here because services sit above agents in the DAG). */
    async agentDetail(ctx, agentId) {
        const agent = await this.agents.getOrThrow(agentId);
        const services = await this.services.findByAgent(agentId);
        const nowMs = ctx.now.getTime();
        return { ...this.agents.toResponse(agent, nowMs, services.length), services: services.map((s) => this.toResponse(s, agent, nowMs)) };
    }
    /** Owner moves a service to another agent (decision 3), e.g. after a host move. Audited. */
    async reassign(ctx, id, agentId) {
        const result = await this.tx.run(async (em) => {
            const service = await this.services.findById(id, em);
            if (!service)
                throw (0, domain_error_1.notFound)('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.');
            const target = await this.agents.findById(agentId, em);
            if (!target)
                throw (0, domain_error_1.notFound)('AGENT_NOT_FOUND', 'Agent not found.');
            if (target.status === 'REVOKED')
                throw new domain_error_1.DomainError('AGENT_REVOKED', 'Agent is revoked.');
            const fromAgentId = service.agentId;
            if (fromAgentId !== agentId) {
                await this.services.update(id, { agentId, updatedAt: ctx.nowIso }, em);
                await this.audit.record(ctx, { action: 'service.reassigned', targetType: 'CapsuleService', targetId: id, metadata: { code: service.code, fromAgentId, toAgentId: agentId } }, em);
            }
            return { service: { ...service, agentId, updatedAt: fromAgentId !== agentId ? ctx.nowIso : service.updatedAt }, agent: target };
        });
        return this.toResponse(result.service, result.agent, ctx.now.getTime());
    }
    async loadOrThrow(id) {
        const found = await this.services.findWithAgent(id);
        if (!found)
            throw (0, domain_error_1.notFound)('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.');
        return found;
    }
    cutoffs(nowMs) {
        const t = this.thresholds();
        return {
            heartbeatCutoffIso: new Date(nowMs - t.agentOfflineThresholdSeconds * 1000).toISOString(),
            reportCutoffIso: t.serviceStaleThresholdSeconds > 0 ? new Date(nowMs - t.serviceStaleThresholdSeconds * 1000).toISOString() : null,
        };
    }
};
exports.CapsuleServicesService = CapsuleServicesService;
exports.CapsuleServicesService = CapsuleServicesService = __decorate([
    (0, common_1.Injectable)(),
    __param(6, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [capsule_services_repository_1.CapsuleServicesRepository,
        catalog_repository_1.CatalogRepository,
        agents_service_1.AgentsService,
        runtime_settings_service_1.RuntimeSettingsService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner, Object])
], CapsuleServicesService);
//# sourceMappingURL=capsule-services.service.js.map