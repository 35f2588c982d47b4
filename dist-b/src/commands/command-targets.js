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
exports.CommandTargets = void 0;
const common_1 = require("@nestjs/common");
const agent_liveness_service_1 = require("../agents/agent-liveness.service");
const agents_service_1 = require("../agents/agents.service");
const action_mapper_1 = require("../capsule-services/action.mapper");
const capsule_services_service_1 = require("../capsule-services/capsule-services.service");
/**
 * What the commands module needs from agents and capsule services, in one place so the
 * use-case services do not depend on how those modules expose it.
 */
let CommandTargets = class CommandTargets {
    agents;
    liveness;
    services;
    constructor(agents, liveness, services) {
        this.agents = agents;
        this.liveness = liveness;
        this.services = services;
    }
    findService(id) {
        return this.services.findById(id);
    }
    findAction(serviceId, name) {
        return this.services.findAction(serviceId, name);
    }
    findAgent(id) {
        return this.agents.findById(id);
    }
    toPublicAction(row) {
        return (0, action_mapper_1.toActionDefinition)(row);
    }
    /** A poll is a lightweight heartbeat (no heartbeat audit; writes throttled by the agents module). */
    async touchAgent(ctx, agent) {
        await this.liveness.touch(ctx, agent);
    }
};
exports.CommandTargets = CommandTargets;
exports.CommandTargets = CommandTargets = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agents_service_1.AgentsService,
        agent_liveness_service_1.AgentLivenessService,
        capsule_services_service_1.CapsuleServicesService])
], CommandTargets);
//# sourceMappingURL=command-targets.js.map