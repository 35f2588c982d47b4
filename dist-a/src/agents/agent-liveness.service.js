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
exports.AgentLivenessService = exports.HEARTBEAT_AUDIT_INTERVAL_MS = exports.HEARTBEAT_WRITE_INTERVAL_MS = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const domain_events_1 = require("../common/events/domain-events");
const counters_service_1 = require("../system/counters.service");
const agents_repository_1 = require("./agents.repository");
const agents_service_1 = require("./agents.service");
/** `lastHeartbeatAt` is written at most this often per agent (decision 28). */
exports.HEARTBEAT_WRITE_INTERVAL_MS = 1000;
/** One `agent.heartbeat.received` audit per agent per window (backend.md §10.4). */
exports.HEARTBEAT_AUDIT_INTERVAL_MS = 5 * 60 * 1000;
/** Bounds the in-memory maps against a flood of distinct ids; clearing only re-audits once. */
const MAX_TRACKED = 100_000;
/**
 * The heartbeat fast path: no transaction, the agent row comes from the authentication read,
 * and at most one indexed UPDATE per second per agent. The commands poll reuses `touch`.
 */
let AgentLivenessService = class AgentLivenessService {
    agents;
    agentsService;
    audit;
    counters;
    events;
    lastWrite = new Map();
    lastAudit = new Map();
    constructor(agents, agentsService, audit, counters, events) {
        this.agents = agents;
        this.agentsService = agentsService;
        this.audit = audit;
        this.counters = counters;
        this.events = events;
    }
    /** Liveness without the heartbeat audit (used by heartbeats and command polls alike). */
    async touch(ctx, agent) {
        const nowMs = ctx.now.getTime();
        const before = this.agentsService.effectiveStatus(agent, nowMs);
        if (agent.status === 'DISABLED' || agent.status === 'REVOKED')
            return { cameOnline: false, previousStatus: agent.status };
        if (agent.status === 'PENDING' || agent.status === 'OFFLINE') {
            const changed = await this.agents.markOnline(agent.id, ctx.nowIso);
            remember(this.lastWrite, agent.id, nowMs);
            if (changed)
                await this.auditOnline(ctx, agent.id, agent.status);
            return { cameOnline: changed, previousStatus: agent.status };
        }
        const storedMs = agent.lastHeartbeatAt ? Date.parse(agent.lastHeartbeatAt) : 0;
        const lastMs = Math.max(this.lastWrite.get(agent.id) ?? 0, Number.isNaN(storedMs) ? 0 : storedMs);
        if (nowMs - lastMs >= exports.HEARTBEAT_WRITE_INTERVAL_MS) {
            await this.agents.touchHeartbeat(agent.id, ctx.nowIso);
            remember(this.lastWrite, agent.id, nowMs);
        }
        // Stored ONLINE but silent past the threshold (the sweep has not run yet): still a comeback.
        const cameOnline = before === 'OFFLINE';
        if (cameOnline)
            await this.auditOnline(ctx, agent.id, before);
        return { cameOnline, previousStatus: before };
    }
    /** `touch` plus the sampled `agent.heartbeat.received` audit (first one after a restart always). */
    async heartbeat(ctx, agent) {
        const outcome = await this.touch(ctx, agent);
        this.counters.increment('agent.heartbeats');
        const nowMs = ctx.now.getTime();
        const last = this.lastAudit.get(agent.id);
        if (last === undefined || nowMs - last >= exports.HEARTBEAT_AUDIT_INTERVAL_MS) {
            remember(this.lastAudit, agent.id, nowMs);
            await this.audit.record(ctx, { action: 'agent.heartbeat.received', targetType: 'Agent', targetId: agent.id });
        }
        return outcome;
    }
    /** Audit, then the post-commit `agent.online` event (both writes above are autocommitted). */
    async auditOnline(ctx, agentId, previousStatus) {
        await this.audit.record(ctx, { action: 'agent.online', targetType: 'Agent', targetId: agentId, metadata: { previousStatus } });
        this.events.emit('agent.online', { agentId, previousStatus, occurredAt: ctx.nowIso, requestId: ctx.requestId });
    }
};
exports.AgentLivenessService = AgentLivenessService;
exports.AgentLivenessService = AgentLivenessService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agents_repository_1.AgentsRepository,
        agents_service_1.AgentsService,
        audit_service_1.AuditService,
        counters_service_1.CountersService,
        domain_events_1.DomainEvents])
], AgentLivenessService);
function remember(map, key, value) {
    if (map.size >= MAX_TRACKED && !map.has(key))
        map.clear();
    map.set(key, value);
}
//# sourceMappingURL=agent-liveness.service.js.map