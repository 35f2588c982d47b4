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
exports.AgentsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const agents_service_1 = require("./agents.service");
const list_agents_query_dto_1 = require("./dto/list-agents-query.dto");
/** Admin view of agents (backend.md §4.8). The detail with services lives in capsule-services. */
let AgentsController = class AgentsController {
    agents;
    constructor(agents) {
        this.agents = agents;
    }
    list(ctx, query) {
        return this.agents.list(ctx, query);
    }
    disable(ctx, agentId) {
        return this.agents.disable(ctx, agentId);
    }
    enable(ctx, agentId) {
        return this.agents.enable(ctx, agentId);
    }
    revoke(ctx, agentId) {
        return this.agents.revoke(ctx, agentId);
    }
    remove(ctx, agentId) {
        return this.agents.delete(ctx, agentId);
    }
};
exports.AgentsController = AgentsController;
__decorate([
    (0, common_1.Get)(),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, list_agents_query_dto_1.ListAgentsQueryDto]),
    __metadata("design:returntype", Promise)
], AgentsController.prototype, "list", null);
__decorate([
    (0, common_1.Post)(':agentId/disable'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AgentsController.prototype, "disable", null);
__decorate([
    (0, common_1.Post)(':agentId/enable'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AgentsController.prototype, "enable", null);
__decorate([
    (0, common_1.Post)(':agentId/revoke'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AgentsController.prototype, "revoke", null);
__decorate([
    (0, common_1.Delete)(':agentId'),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], AgentsController.prototype, "remove", null);
exports.AgentsController = AgentsController = __decorate([
    (0, swagger_1.ApiTags)('agents'),
    (0, common_1.Controller)('api/admin/agents'),
    __metadata("design:paramtypes", [agents_service_1.AgentsService])
], AgentsController);
//# sourceMappingURL=agents.controller.js.map