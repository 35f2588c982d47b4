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
exports.AgentGatewayController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const authenticated_agent_1 = require("../agents/authenticated-agent");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const agent_gateway_service_1 = require("./agent-gateway.service");
const reported_service_dto_1 = require("./dto/reported-service.dto");
/** Agent API (bearer token; wire-compatible with the reference SDK 0.4). */
let AgentGatewayController = class AgentGatewayController {
    gateway;
    constructor(gateway) {
        this.gateway = gateway;
    }
    register(ctx, dto) {
        return this.gateway.register(ctx, dto);
    }
    heartbeat(ctx, agent, dto) {
        return this.gateway.heartbeat(ctx, agent, dto);
    }
    report(ctx, agent, dto) {
        return this.gateway.report(ctx, agent, dto);
    }
};
exports.AgentGatewayController = AgentGatewayController;
__decorate([
    (0, common_1.Post)('register'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Public)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, reported_service_dto_1.RegisterAgentDto]),
    __metadata("design:returntype", Promise)
], AgentGatewayController.prototype, "register", null);
__decorate([
    (0, common_1.Post)(':agentId/heartbeat'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.AgentAuth)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, authenticated_agent_1.AuthenticatedAgent)()),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Function, reported_service_dto_1.HeartbeatDto]),
    __metadata("design:returntype", Promise)
], AgentGatewayController.prototype, "heartbeat", null);
__decorate([
    (0, common_1.Post)(':agentId/services/report'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.AgentAuth)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, authenticated_agent_1.AuthenticatedAgent)()),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Function, reported_service_dto_1.ServiceReportDto]),
    __metadata("design:returntype", Promise)
], AgentGatewayController.prototype, "report", null);
exports.AgentGatewayController = AgentGatewayController = __decorate([
    (0, swagger_1.ApiTags)('agent-api'),
    (0, common_1.Controller)('api/agents'),
    __metadata("design:paramtypes", [agent_gateway_service_1.AgentGatewayService])
], AgentGatewayController);
//# sourceMappingURL=agent-gateway.controller.js.map