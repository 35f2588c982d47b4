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
exports.AgentsReader = void 0;
const common_1 = require("@nestjs/common");
const agents_service_1 = require("../../agents/agents.service");
const capsule_services_service_1 = require("../../capsule-services/capsule-services.service");
/** Read-only access to agents and Capsule Services for extensions (thin facade over the core services). */
let AgentsReader = class AgentsReader {
    agents;
    services;
    constructor(agents, services) {
        this.agents = agents;
        this.services = services;
    }
    /** The agent with its effective status at `ctx.now`, or null when it does not exist. */
    async getAgent(ctx, agentId) {
        const agent = await this.agents.findById(agentId);
        return agent ? this.agents.toResponse(agent, ctx.now.getTime()) : null;
    }
    /** One page of agents, newest first, with `pagination.total`. */
    listAgents(ctx, query = {}) {
        return this.agents.list(ctx, query);
    }
    /** The service with its effective status at `ctx.now`, or null when it does not exist. */
    async getService(ctx, serviceId) {
        const service = await this.services.findById(serviceId);
        if (!service)
            return null;
        const agent = await this.agents.findById(service.agentId);
        return this.services.toResponse(service, agent, ctx.now.getTime());
    }
    /** One page of services with `pagination.total`. */
    listServices(ctx, query = {}) {
        return this.services.list(ctx, query);
    }
};
exports.AgentsReader = AgentsReader;
exports.AgentsReader = AgentsReader = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agents_service_1.AgentsService,
        capsule_services_service_1.CapsuleServicesService])
], AgentsReader);
//# sourceMappingURL=agents-reader.js.map