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
exports.CommandGatewayController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const authenticated_agent_1 = require("../agents/authenticated-agent");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const envelope_1 = require("../common/http/envelope");
const command_dispatch_service_1 = require("./command-dispatch.service");
const command_results_service_1 = require("./command-results.service");
const command_result_dto_1 = require("./dto/command-result.dto");
const poll_query_dto_1 = require("./dto/poll-query.dto");
const http_helpers_1 = require("./http-helpers");
/** Agent API: poll (long-poll) and result (backend.md §4.13, decisions 16/17/27). */
let CommandGatewayController = class CommandGatewayController {
    dispatch;
    results;
    constructor(dispatch, results) {
        this.dispatch = dispatch;
        this.results = results;
    }
    /** `data` is REF's command array; `cancelledCommandIds` sits beside it so REF agents are unaffected. */
    async poll(ctx, agent, query, res) {
        const out = await this.dispatch.poll(ctx, agent, query.limit ?? 10, query.waitSeconds ?? 0, (0, http_helpers_1.closeSignal)(res));
        return new envelope_1.WithEnvelopeExtras(out.commands, { cancelledCommandIds: out.cancelledCommandIds });
    }
    result(ctx, agentId, commandId, body) {
        return this.results.report(ctx, agentId, commandId, body);
    }
};
exports.CommandGatewayController = CommandGatewayController;
__decorate([
    (0, common_1.Get)(),
    (0, policy_decorators_1.AgentAuth)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, authenticated_agent_1.AuthenticatedAgent)()),
    __param(2, (0, common_1.Query)()),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Function, poll_query_dto_1.PollCommandsQueryDto, Object]),
    __metadata("design:returntype", Promise)
], CommandGatewayController.prototype, "poll", null);
__decorate([
    (0, common_1.Post)(':commandId/result'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.AgentAuth)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('agentId')),
    __param(2, (0, common_1.Param)('commandId')),
    __param(3, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, String, command_result_dto_1.CommandResultDto]),
    __metadata("design:returntype", void 0)
], CommandGatewayController.prototype, "result", null);
exports.CommandGatewayController = CommandGatewayController = __decorate([
    (0, swagger_1.ApiTags)('agent-api'),
    (0, common_1.Controller)('api/agents/:agentId/commands'),
    __metadata("design:paramtypes", [command_dispatch_service_1.CommandDispatchService,
        command_results_service_1.CommandResultsService])
], CommandGatewayController);
//# sourceMappingURL=command-gateway.controller.js.map