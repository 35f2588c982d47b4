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
exports.BusRoutesService = void 0;
exports.routeNotFound = routeNotFound;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const capsule_services_service_1 = require("../capsule-services/capsule-services.service");
const domain_error_1 = require("../common/errors/domain-error");
const id_generator_1 = require("../common/ids/id-generator");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const redact_1 = require("../common/redaction/redact");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const bus_routes_repository_1 = require("./bus-routes.repository");
const bus_mapper_1 = require("./bus.mapper");
const input_mapping_1 = require("./input-mapping");
/**
 * Route CRUD. Targets are checked when a route is written (REF never did, backend.md §14.28):
 * unknown service or action 404; disabled, confirmation-required or HIGH actions 422
 * BUS_ROUTE_TARGET_INVALID, because a route runs without a human to confirm (§14.9).
 */
let BusRoutesService = class BusRoutesService {
    routes;
    services;
    audit;
    tx;
    ids;
    constructor(routes, services, audit, tx, ids) {
        this.routes = routes;
        this.services = services;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
    }
    async list(_ctx, query) {
        const page = (0, pagination_dto_1.pageRequest)(query);
        const [rows, total] = await this.routes.list(page.offset, page.pageSize);
        return new envelope_1.Page(rows.map(bus_mapper_1.toPublicBusRoute), (0, pagination_dto_1.pagination)(page, total));
    }
    async get(_ctx, routeId) {
        return (0, bus_mapper_1.toPublicBusRoute)(await this.load(routeId));
    }
    async create(ctx, dto) {
        const mapping = this.checkedMapping(dto.inputMapping ?? {});
        await this.assertTarget(dto.target.serviceCode, dto.target.actionName);
        const row = {
            id: this.ids.next('brt'),
            workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
            ...this.fields(dto),
            inputMappingJson: JSON.stringify(mapping),
            metadataJson: JSON.stringify((0, redact_1.redact)(dto.metadata ?? {})),
            createdByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
            createdAt: ctx.nowIso,
            updatedAt: ctx.nowIso,
        };
        await this.tx.run(async (em) => {
            await this.routes.insert(row, em);
            await this.audit.record(ctx, {
                action: 'bus.route.created',
                targetType: 'BusRoute',
                targetId: row.id,
                metadata: {
                    name: row.name,
                    eventType: row.eventType,
                    sourceServiceCode: row.sourceServiceCode,
                    targetServiceCode: row.targetServiceCode,
                    actionName: row.actionName,
                    status: row.status,
                    mappedFields: Object.keys(mapping).length,
                },
            }, em);
        });
        return (0, bus_mapper_1.toPublicBusRoute)(row);
    }
    /**
     * Full replacement as REF, except `inputMapping` and `metadata`: absent keeps the stored value
     * (the console's form does not edit them; `{}` clears). The target is re-checked whenever it
     * changes or the route stays able to fire, so a route to an action that became dangerous can
     * always still be switched to DISABLED.
     */
    async update(ctx, routeId, dto) {
        const existing = await this.load(routeId);
        const mapping = dto.inputMapping === undefined ? null : this.checkedMapping(dto.inputMapping);
        const fields = this.fields(dto);
        const targetChanged = fields.targetServiceCode !== existing.targetServiceCode || fields.actionName !== existing.actionName;
        if (targetChanged || fields.status !== 'DISABLED')
            await this.assertTarget(fields.targetServiceCode, fields.actionName);
        const patch = {
            ...fields,
            ...(mapping === null ? {} : { inputMappingJson: JSON.stringify(mapping) }),
            ...(dto.metadata === undefined ? {} : { metadataJson: JSON.stringify((0, redact_1.redact)(dto.metadata)) }),
            updatedAt: ctx.nowIso,
        };
        const updated = await this.tx.run(async (em) => {
            await this.routes.update(routeId, patch, em);
            await this.audit.record(ctx, {
                action: 'bus.route.updated',
                targetType: 'BusRoute',
                targetId: routeId,
                metadata: {
                    status: fields.status,
                    previousStatus: existing.status,
                    eventType: fields.eventType,
                    targetServiceCode: fields.targetServiceCode,
                    actionName: fields.actionName,
                },
            }, em);
            return this.routes.findById(routeId, em);
        });
        if (!updated)
            throw routeNotFound(routeId);
        return (0, bus_mapper_1.toPublicBusRoute)(updated);
    }
    async remove(ctx, routeId) {
        const existing = await this.load(routeId);
        const deleted = await this.tx.run(async (em) => {
            const affected = await this.routes.delete(routeId, em);
            if (affected === 0)
                return false;
            await this.audit.record(ctx, { action: 'bus.route.deleted', targetType: 'BusRoute', targetId: routeId, metadata: { name: existing.name, eventType: existing.eventType } }, em);
            return true;
        });
        if (!deleted)
            throw routeNotFound(routeId);
        return (0, bus_mapper_1.toPublicBusRoute)(existing);
    }
    async load(routeId) {
        const row = await this.routes.findById(routeId);
        if (!row)
            throw routeNotFound(routeId);
        return row;
    }
    fields(dto) {
        const description = dto.description?.trim();
        return {
            name: dto.name.trim(),
            description: description ? description : null,
            status: dto.status ?? 'DISABLED',
            eventType: dto.match.eventType.trim(),
            sourceServiceCode: dto.match.sourceServiceCode?.trim() || null,
            targetServiceCode: dto.target.serviceCode.trim(),
            actionName: dto.target.actionName.trim(),
        };
    }
    checkedMapping(mapping) {
        const issues = (0, input_mapping_1.validateInputMapping)(mapping);
        if (issues.length > 0)
            throw (0, domain_error_1.validationFailed)(issues, 'Bus route validation failed.');
        return mapping;
    }
    async assertTarget(serviceCode, actionName) {
        const service = await this.services.findByCode(serviceCode.trim());
        if (!service)
            throw (0, domain_error_1.notFound)('CAPSULE_SERVICE_NOT_FOUND', 'Target Capsule Service not found.', { field: 'target.serviceCode', serviceCode });
        const action = await this.services.findAction(service.id, actionName.trim());
        if (!action)
            throw (0, domain_error_1.notFound)('ACTION_NOT_FOUND', 'Target action not found.', { field: 'target.actionName', serviceCode, actionName });
        const reasons = [];
        if (!action.enabled)
            reasons.push('ACTION_DISABLED');
        if (action.requiresConfirmation)
            reasons.push('REQUIRES_CONFIRMATION');
        if (action.dangerLevel === 'HIGH')
            reasons.push('DANGER_LEVEL_HIGH');
        if (reasons.length > 0) {
            throw new domain_error_1.DomainError('BUS_ROUTE_TARGET_INVALID', 'Routes cannot target disabled, confirmation-required or HIGH-danger actions: nobody is there to confirm them.', { serviceCode, actionName, dangerLevel: action.dangerLevel, requiresConfirmation: action.requiresConfirmation, enabled: action.enabled, reasons });
        }
    }
};
exports.BusRoutesService = BusRoutesService;
exports.BusRoutesService = BusRoutesService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [bus_routes_repository_1.BusRoutesRepository,
        capsule_services_service_1.CapsuleServicesService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner,
        id_generator_1.IdGenerator])
], BusRoutesService);
function routeNotFound(routeId) {
    return (0, domain_error_1.notFound)('BUS_ROUTE_NOT_FOUND', 'Bus route not found.', { routeId });
}
//# sourceMappingURL=bus-routes.service.js.map