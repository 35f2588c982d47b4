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
exports.ServiceReportService = exports.MAX_MANIFEST_BYTES = void 0;
const common_1 = require("@nestjs/common");
const agents_service_1 = require("../agents/agents.service");
const audit_service_1 = require("../audit/audit.service");
const token_service_1 = require("../common/crypto/token-service");
const domain_events_1 = require("../common/events/domain-events");
const domain_error_1 = require("../common/errors/domain-error");
const id_generator_1 = require("../common/ids/id-generator");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const capsule_services_repository_1 = require("./capsule-services.repository");
const catalog_repository_1 = require("./catalog.repository");
const report_normalizer_1 = require("./report-normalizer");
const service_status_1 = require("./service-status");
/** Manifests larger than this are refused with 413 (they are shown to every operator). */
exports.MAX_MANIFEST_BYTES = 256 * 1024;
/** A heartbeat repeating the same health rewrites it at most this often (decision 28). */
const HEALTH_REFRESH_MS = 60_000;
/**
 * Upsert of reported services (backend.md §6.4 with decisions 3, 20, 21): no takeover, configs
 * and actions upserted by key/name with stable ids, audit only on real change.
 */
let ServiceReportService = class ServiceReportService {
    services;
    catalog;
    agents;
    settings;
    audit;
    ids;
    tokenService;
    tx;
    events;
    constructor(services, catalog, agents, settings, audit, ids, tokenService, tx, events) {
        this.services = services;
        this.catalog = catalog;
        this.agents = agents;
        this.settings = settings;
        this.audit = audit;
        this.ids = ids;
        this.tokenService = tokenService;
        this.tx = tx;
        this.events = events;
    }
    /** One service inside the caller's transaction; returns the stored row. */
    async upsert(ctx, agent, dto, em) {
        if (Buffer.byteLength(JSON.stringify(dto.manifest), 'utf8') > exports.MAX_MANIFEST_BYTES) {
            throw new domain_error_1.DomainError('PAYLOAD_TOO_LARGE', `Manifest of ${dto.code} exceeds ${exports.MAX_MANIFEST_BYTES} bytes.`, { code: dto.code, maxBytes: exports.MAX_MANIFEST_BYTES });
        }
        const now = ctx.nowIso;
        const report = (0, report_normalizer_1.normalizeReport)(dto);
        const fingerprint = this.tokenService.hash((0, report_normalizer_1.canonicalJson)(report));
        const health = dto.health ? (0, report_normalizer_1.normalizeHealth)(dto.health) : null;
        const healthStatus = (dto.health?.status ?? 'UNKNOWN');
        const existing = await this.services.findByCode(dto.code, em);
        if (existing && existing.agentId !== agent.id)
            await this.assertCanTakeOver(ctx, existing, agent, em);
        const fields = {
            agentId: agent.id,
            name: report.name,
            description: report.description,
            version: report.version,
            runtime: report.runtime,
            status: (0, service_status_1.storedStatusFromHealth)(healthStatus),
            healthStatus,
            healthMessage: health?.message ?? null,
            manifestJson: JSON.stringify(report.manifest),
            capabilitiesJson: JSON.stringify(report.capabilities),
            eventsJson: JSON.stringify(report.events),
            reportFingerprint: fingerprint,
            lastReportedAt: now,
            lastHealthAt: health ? now : (existing?.lastHealthAt ?? null),
            updatedAt: now,
        };
        let service;
        if (existing) {
            await this.services.update(existing.id, fields, em);
            service = { ...existing, ...fields };
        }
        else {
            service = { id: this.ids.next('svc'), workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, code: dto.code, createdAt: now, ...fields };
            await this.services.insert(service, em);
        }
        const changed = !existing || existing.reportFingerprint !== fingerprint;
        if (changed)
            await this.writeCatalog(service.id, report, now, em);
        if (health)
            await this.insertHealth(service.id, agent.id, health, now, em);
        if (changed) {
            await this.audit.record(ctx, {
                action: 'service.reported',
                targetType: 'CapsuleService',
                targetId: service.id,
                metadata: { code: service.code, created: !existing, configCount: report.configs.length, actionCount: report.actions.length },
            }, em);
        }
        if (existing && existing.healthStatus !== healthStatus) {
            await this.auditHealthChange(ctx, service, existing.healthStatus, healthStatus, em);
        }
        return service;
    }
    /**
     * Health carried by a heartbeat: ignored unless the service belongs to the agent; written only
     * when it changed or the last write is older than a minute.
     */
    async heartbeatHealth(ctx, agent, serviceId, input) {
        const service = await this.services.findById(serviceId);
        if (!service || service.agentId !== agent.id)
            return;
        const health = (0, report_normalizer_1.normalizeHealth)(input);
        const status = input.status;
        const lastMs = service.lastHealthAt ? Date.parse(service.lastHealthAt) : 0;
        const same = service.healthStatus === status && service.healthMessage === health.message;
        if (same && ctx.now.getTime() - lastMs < HEALTH_REFRESH_MS)
            return;
        const patch = {
            healthStatus: status,
            healthMessage: health.message,
            status: (0, service_status_1.storedStatusFromHealth)(status),
            lastHealthAt: ctx.nowIso,
            updatedAt: ctx.nowIso,
        };
        await this.services.update(serviceId, patch);
        await this.insertHealth(serviceId, agent.id, health, ctx.nowIso);
        if (service.healthStatus !== status)
            await this.auditHealthChange(ctx, { ...service, ...patch }, service.healthStatus, status);
    }
    /** Decision 3: a code owned by a live agent cannot be taken; a REVOKED owner's code can. */
    async assertCanTakeOver(ctx, existing, agent, em) {
        const owner = await this.agents.findById(existing.agentId, em);
        if (owner && owner.status !== 'REVOKED') {
            throw new domain_error_1.DomainError('CAPSULE_SERVICE_CODE_TAKEN', `Capsule Service code ${existing.code} belongs to another agent.`, { code: existing.code, serviceId: existing.id });
        }
        await this.audit.record(ctx, {
            action: 'service.reassigned',
            targetType: 'CapsuleService',
            targetId: existing.id,
            metadata: { code: existing.code, fromAgentId: existing.agentId, toAgentId: agent.id, reason: 'previous_owner_revoked' },
        }, em);
    }
    async writeCatalog(serviceId, report, now, em) {
        const [configs, actions] = await Promise.all([this.catalog.configs(serviceId, em), this.catalog.actions(serviceId, em)]);
        const configByKey = new Map(configs.map((c) => [c.configKey, c]));
        const reportedKeys = new Set();
        const configRows = [];
        for (const c of report.configs) {
            if (reportedKeys.has(c.key))
                continue;
            reportedKeys.add(c.key);
            const prev = configByKey.get(c.key);
            configRows.push({
                id: prev?.id ?? this.ids.next('cfg'),
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                serviceId,
                configKey: c.key,
                label: c.label,
                type: c.type,
                source: c.source,
                editable: c.editable,
                sensitive: c.sensitive,
                valuePreview: c.valuePreview,
                defaultValue: c.defaultValue,
                secretRef: c.secretRef,
                description: c.description,
                metadataJson: '{}',
                createdAt: prev?.createdAt ?? now,
                updatedAt: now,
            });
        }
        await this.catalog.saveConfigs(configRows, em);
        // Configs are observed state: what is no longer reported no longer exists.
        await this.catalog.deleteConfigs(configs.filter((c) => !reportedKeys.has(c.configKey)).map((c) => c.id), em);
        const actionByName = new Map(actions.map((a) => [a.name, a]));
        const reportedNames = new Set();
        const actionRows = [];
        for (const a of report.actions) {
            if (reportedNames.has(a.name))
                continue;
            reportedNames.add(a.name);
            const prev = actionByName.get(a.name);
            actionRows.push({
                id: prev?.id ?? this.ids.next('act'),
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                serviceId,
                name: a.name,
                label: a.label,
                description: a.description,
                dangerLevel: a.dangerLevel,
                requiresConfirmation: a.requiresConfirmation,
                inputSchemaJson: JSON.stringify(a.inputSchema),
                resultSchemaJson: JSON.stringify(a.resultSchema),
                timeoutSeconds: a.timeoutSeconds,
                enabled: a.enabled,
                hasPrepare: a.hasPrepare,
                metadataJson: JSON.stringify(a.metadata),
                createdAt: prev?.createdAt ?? now,
                updatedAt: now,
            });
        }
        // Actions that vanished are disabled, not deleted: commands and retries refer to them by name.
        for (const prev of actions) {
            if (!reportedNames.has(prev.name) && prev.enabled)
                actionRows.push({ ...prev, enabled: false, updatedAt: now });
        }
        await this.catalog.saveActions(actionRows, em);
    }
    async insertHealth(serviceId, agentId, health, now, em) {
        await this.catalog.insertHealth({ id: this.ids.next('hlr'), workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, serviceId, agentId, status: health.status, message: health.message, detailsJson: JSON.stringify(health.details), reportedAt: now, createdAt: now }, em);
        // Cheap (indexed, at most keep+1 rows per service) and health writes are already throttled.
        await this.catalog.pruneHealth(serviceId, this.settings.get().healthReportsKeep, em);
    }
    /** Audit in the caller's transaction; the `service.health.changed` event only once it commits. */
    async auditHealthChange(ctx, service, from, to, em) {
        await this.audit.record(ctx, { action: 'service.health.changed', targetType: 'CapsuleService', targetId: service.id, metadata: { code: service.code, from, to } }, em);
        const event = { serviceId: service.id, serviceCode: service.code, agentId: service.agentId, from, to, message: service.healthMessage, occurredAt: ctx.nowIso, requestId: ctx.requestId };
        this.tx.afterCommit(em, () => this.events.emit('service.health.changed', event));
    }
};
exports.ServiceReportService = ServiceReportService;
exports.ServiceReportService = ServiceReportService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [capsule_services_repository_1.CapsuleServicesRepository,
        catalog_repository_1.CatalogRepository,
        agents_service_1.AgentsService,
        runtime_settings_service_1.RuntimeSettingsService,
        audit_service_1.AuditService,
        id_generator_1.IdGenerator,
        token_service_1.TokenService,
        transaction_runner_1.TransactionRunner,
        domain_events_1.DomainEvents])
], ServiceReportService);
//# sourceMappingURL=service-report.service.js.map