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
exports.AgentGatewayService = void 0;
const common_1 = require("@nestjs/common");
const agent_liveness_service_1 = require("../agents/agent-liveness.service");
const agents_service_1 = require("../agents/agents.service");
const heartbeat_extensions_1 = require("../agents/heartbeat-extensions");
const audit_service_1 = require("../audit/audit.service");
const request_context_1 = require("../common/context/request-context");
const domain_events_1 = require("../common/events/domain-events");
const domain_error_1 = require("../common/errors/domain-error");
const app_config_1 = require("../config/app-config");
const transaction_runner_1 = require("../database/transaction-runner");
const registration_tokens_service_1 = require("../registration-tokens/registration-tokens.service");
const capsule_services_service_1 = require("./capsule-services.service");
const service_report_service_1 = require("./service-report.service");
/** Thrown inside the registration transaction so nothing it wrote survives; audited after rollback. */
class RegistrationRejected extends Error {
    reason;
    tokenId;
    constructor(reason, tokenId) {
        super(reason);
        this.reason = reason;
        this.tokenId = tokenId;
    }
}
/**
 * The agent-facing API (backend.md §4.13, §6): register, heartbeat, services report. It lives in
 * this module because registration spans tokens, agents and services in one transaction.
 */
let AgentGatewayService = class AgentGatewayService {
    registrationTokens;
    agents;
    liveness;
    extensions;
    reports;
    services;
    audit;
    tx;
    config;
    events;
    constructor(registrationTokens, agents, liveness, extensions, reports, services, audit, tx, config, events) {
        this.registrationTokens = registrationTokens;
        this.agents = agents;
        this.liveness = liveness;
        this.extensions = extensions;
        this.reports = reports;
        this.services = services;
        this.audit = audit;
        this.tx = tx;
        this.config = config;
        this.events = events;
    }
    intervals() {
        return { heartbeatIntervalSeconds: this.config.heartbeatIntervalSeconds, commandPollIntervalSeconds: this.config.commandPollIntervalSeconds };
    }
    /**
     * Consumes the token exactly once (conditional UPDATE inside the serialised transaction,
     * decision 19), upserts the agent (rotation, decision 2) and the optional initial service.
     */
    async register(ctx, dto) {
        try {
            const registered = await this.tx.run(async (em) => {
                const check = await this.registrationTokens.check(dto.registrationToken, dto.agent.code, ctx.nowIso, em);
                if (!check.ok)
                    throw new RegistrationRejected(check.reason, check.tokenId);
                const result = await this.agents.registerOrRotate(ctx, dto.agent, em);
                if (!(await this.registrationTokens.consume(check.token.id, result.agent.id, ctx.nowIso, em))) {
                    throw new RegistrationRejected('used', check.token.id);
                }
                const agentCtx = asAgent(ctx, result.agent);
                if (dto.service)
                    await this.reports.upsert(agentCtx, result.agent, dto.service, em);
                await this.audit.record(agentCtx, { action: 'registration_token.consumed', targetType: 'RegistrationToken', targetId: check.token.id }, em);
                if (result.revokedTokens > 0) {
                    await this.audit.record(agentCtx, { action: 'agent.token.rotated', targetType: 'Agent', targetId: result.agent.id, metadata: { revokedTokens: result.revokedTokens } }, em);
                }
                await this.audit.record(agentCtx, {
                    action: 'agent.registered',
                    targetType: 'Agent',
                    targetId: result.agent.id,
                    metadata: { code: result.agent.code, mode: result.agent.mode, created: result.created, status: result.agent.status },
                }, em);
                return result;
            });
            const { agent } = registered;
            this.events.emit('agent.registered', { agentId: agent.id, code: agent.code, name: agent.name, created: registered.created, occurredAt: ctx.nowIso, requestId: ctx.requestId });
            return { agentId: agent.id, agentToken: registered.rawToken, ...this.intervals() };
        }
        catch (error) {
            if (!(error instanceof RegistrationRejected))
                throw error;
            await this.audit.record(ctx, {
                action: 'agent.registration.rejected',
                actor: { type: 'AGENT', id: null },
                targetType: 'RegistrationToken',
                targetId: error.tokenId,
                result: 'FAILURE',
                message: error.reason,
                metadata: { reason: error.reason, agentCode: dto.agent.code },
            });
            throw new domain_error_1.DomainError('REGISTRATION_TOKEN_INVALID', 'Invalid registration token.');
        }
    }
    /** The fast path: liveness (≤ 1 write/s), optional health, contributor fields. */
    async heartbeat(ctx, agent, dto) {
        await this.liveness.heartbeat(ctx, agent);
        if (dto.serviceId && dto.health)
            await this.reports.heartbeatHealth(ctx, agent, dto.serviceId, dto.health);
        const extra = await this.extensions.collect(agent.id, ctx.nowIso);
        return { ...extra, ...this.intervals() };
    }
    /** Each service in its own short transaction; a refused one (409/413) stops the report. */
    async report(ctx, agent, dto) {
        const codes = new Set();
        for (const s of dto.services) {
            if (codes.has(s.code))
                throw new domain_error_1.DomainError('VALIDATION_FAILED', 'Duplicate service code in report.', { issues: [{ path: 'services', message: `duplicate code ${s.code}` }] });
            codes.add(s.code);
        }
        const out = [];
        const nowMs = ctx.now.getTime();
        for (const s of dto.services) {
            const service = await this.tx.run((em) => this.reports.upsert(ctx, agent, s, em));
            out.push(this.services.toResponse(service, agent, nowMs));
        }
        return { services: out };
    }
};
exports.AgentGatewayService = AgentGatewayService;
exports.AgentGatewayService = AgentGatewayService = __decorate([
    (0, common_1.Injectable)(),
    __param(8, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [registration_tokens_service_1.RegistrationTokensService,
        agents_service_1.AgentsService,
        agent_liveness_service_1.AgentLivenessService,
        heartbeat_extensions_1.HeartbeatExtensions,
        service_report_service_1.ServiceReportService,
        capsule_services_service_1.CapsuleServicesService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner, Object, domain_events_1.DomainEvents])
], AgentGatewayService);
/** Audit rows of a registration name the agent as actor (REF: actor = the new agent id). */
function asAgent(ctx, agent) {
    return new request_context_1.RequestContext(ctx.requestId, { kind: 'agent', id: agent.id, code: agent.code, tokenId: '' }, ctx.ip, ctx.userAgent, ctx.now);
}
//# sourceMappingURL=agent-gateway.service.js.map