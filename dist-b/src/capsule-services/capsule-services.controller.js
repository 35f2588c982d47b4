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
exports.AgentDetailController = exports.CapsuleServicesController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const capsule_services_service_1 = require("./capsule-services.service");
const list_services_query_dto_1 = require("./dto/list-services-query.dto");
/** Admin view of Capsule Services (backend.md §4.9, decision 24). */
let CapsuleServicesController = class CapsuleServicesController {
    services;
    constructor(services) {
        this.services = services;
    }
    list(ctx, query) {
        return this.services.list(ctx, query);
    }
    detail(ctx, serviceId) {
        return this.services.detail(ctx, serviceId);
    }
    manifest(ctx, serviceId) {
        return this.services.manifest(ctx, serviceId);
    }
    health(ctx, serviceId) {
        return this.services.health(ctx, serviceId);
    }
    configs(ctx, serviceId) {
        return this.services.configs(ctx, serviceId);
    }
    actions(ctx, serviceId) {
        return this.services.actions(ctx, serviceId);
    }
    reassign(ctx, serviceId, dto) {
        return this.services.reassign(ctx, serviceId, dto.agentId);
    }
};
exports.CapsuleServicesController = CapsuleServicesController;
__decorate([
    (0, common_1.Get)(),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, list_services_query_dto_1.ListServicesQueryDto]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':serviceId'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "detail", null);
__decorate([
    (0, common_1.Get)(':serviceId/manifest'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "manifest", null);
__decorate([
    (0, common_1.Get)(':serviceId/health'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "health", null);
__decorate([
    (0, common_1.Get)(':serviceId/configs'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "configs", null);
__decorate([
    (0, common_1.Get)(':serviceId/actions'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "actions", null);
__decorate([
    (0, common_1.Post)(':serviceId/reassign'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('owner'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, list_services_query_dto_1.ReassignServiceDto]),
    __metadata("design:returntype", Promise)
], CapsuleServicesController.prototype, "reassign", null);
exports.CapsuleServicesController = CapsuleServicesController = __decorate([
    (0, swagger_1.ApiTags)('capsule-services'),
    (0, common_1.Controller)('api/admin/capsule-services'),
    __metadata("design:paramtypes", [capsule_services_service_1.CapsuleServicesService])
], CapsuleServicesController);
/** `GET /api/admin/agents/:agentId` needs the agent's services, so it is served from this module. */
let AgentDetailController = class AgentDetailController {
    services;
    constructor(services) {
        this.services = services;
    }
    detail(ctx, agentId) {
        return this.services.agentDetail(ctx, agentId);
    }
};
exports.AgentDetailController = AgentDetailController;
__decorate([
    (0, common_1.Get)(':agentId'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AgentDetailController.prototype, "detail", null);
exports.AgentDetailController = AgentDetailController = __decorate([
    (0, swagger_1.ApiTags)('agents'),
    (0, common_1.Controller)('api/admin/agents'),
    __metadata("design:paramtypes", [capsule_services_service_1.CapsuleServicesService])
], AgentDetailController);
//# sourceMappingURL=capsule-services.controller.js.map