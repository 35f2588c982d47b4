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
exports.BusAgentController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const authenticated_agent_1 = require("../agents/authenticated-agent");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const bus_enabled_guard_1 = require("./bus-enabled.guard");
const bus_ingest_service_1 = require("./bus-ingest.service");
const publish_event_dto_1 = require("./dto/publish-event.dto");
/** Agent API: publish a Capsule Bus event (bearer auth first, then the feature flag). */
let BusAgentController = class BusAgentController {
    ingest;
    constructor(ingest) {
        this.ingest = ingest;
    }
    publish(ctx, agent, dto) {
        return this.ingest.publish(ctx, agent, dto);
    }
};
exports.BusAgentController = BusAgentController;
__decorate([
    (0, common_1.Post)('events'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.AgentAuth)(),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, authenticated_agent_1.AuthenticatedAgent)()),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Function, publish_event_dto_1.PublishEventDto]),
    __metadata("design:returntype", Promise)
], BusAgentController.prototype, "publish", null);
exports.BusAgentController = BusAgentController = __decorate([
    (0, swagger_1.ApiTags)('agent-api'),
    (0, common_1.Controller)('api/agents/:agentId/bus'),
    (0, common_1.UseGuards)(bus_enabled_guard_1.BusEnabledGuard),
    __metadata("design:paramtypes", [bus_ingest_service_1.BusIngestService])
], BusAgentController);
//# sourceMappingURL=bus-agent.controller.js.map