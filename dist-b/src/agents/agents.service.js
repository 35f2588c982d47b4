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
exports.AgentsService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const token_service_1 = require("../common/crypto/token-service");
const domain_error_1 = require("../common/errors/domain-error");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const id_generator_1 = require("../common/ids/id-generator");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const agent_mapper_1 = require("./agent.mapper");
const agent_tokens_repository_1 = require("./agent-tokens.repository");
const agents_repository_1 = require("./agents.repository");
const effective_status_1 = require("./effective-status");
let AgentsService = class AgentsService {
    agents;
    tokens;
    settings;
    tx;
    ids;
    tokenService;
    audit;
    constructor(agents, tokens, settings, tx, ids, tokenService, audit) {
        this.agents = agents;
        this.tokens = tokens;
        this.settings = settings;
        this.tx = tx;
        this.ids = ids;
        this.tokenService = tokenService;
        this.audit = audit;
    }
    findById(id, em) {
        return this.agents.findById(id, em);
    }
    /** Effective status with the current runtime threshold (decision 14). */
    effectiveStatus(agent, nowMs) {
        return (0, effective_status_1.agentEffectiveStatus)(agent, nowMs, this.settings.get().agentOfflineThresholdSeconds);
    }
    /** now − threshold, for SQL filters that must agree with `effectiveStatus`. */
    heartbeatCutoffIso(nowMs) {
        return (0, effective_status_1.heartbeatCutoffIso)(nowMs, this.settings.get().agentOfflineThresholdSeconds);
    }
    toResponse(agent, nowMs, serviceCount) {
        return (0, agent_mapper_1.toAgentResponse)(agent, this.effectiveStatus(agent, nowMs), serviceCount);
    }
    async getOrThrow(id, em) {
        const agent = await this.agents.findById(id, em);
        if (!agent)
            throw (0, domain_error_1.notFound)('AGENT_NOT_FOUND', 'Agent not found.');
        return agent;
    }
    async list(ctx, query) {
        const req = (0, pagination_dto_1.pageRequest)(query);
        const nowMs = ctx.now.getTime();
        const { rows, total } = await this.agents.list({
            status: query.status,
            q: query.q,
            heartbeatCutoffIso: this.heartbeatCutoffIso(nowMs),
            offset: req.offset,
            limit: req.pageSize,
        });
        return new envelope_1.Page(rows.map((r) => this.toResponse(r.agent, nowMs, r.serviceCount)), (0, pagination_dto_1.pagination)(req, total));
    }
    /**
     * Registration step inside the caller's transaction: creates the agent or, for a known code,
     * rotates its tokens (decision 2: REVOKED is cleared, DISABLED never is).
     */
    async registerOrRotate(ctx, identity, em) {
        const now = ctx.nowIso;
        const existing = await this.agents.findByCode(identity.code, em);
        let agent;
        let revokedTokens = 0;
        if (existing) {
            const patch = {
                name: identity.name ?? existing.name,
                mode: identity.mode ?? existing.mode,
                runtime: identity.runtime ?? existing.runtime,
                version: identity.version ?? existing.version,
                hostname: identity.hostname ?? existing.hostname,
                sdkVersion: identity.sdkVersion ?? existing.sdkVersion,
                updatedAt: now,
            };
            if (existing.status !== 'DISABLED') {
                patch.status = 'ONLINE';
                patch.lastHeartbeatAt = now;
                patch.revokedAt = null;
            }
            await this.agents.update(existing.id, patch, em);
            agent = { ...existing, ...patch };
            revokedTokens = await this.tokens.revokeAllForAgent(existing.id, now, em);
        }
        else {
            agent = {
                id: this.ids.next('agt'),
                workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID,
                code: identity.code,
                name: identity.name ?? null,
                mode: identity.mode ?? 'embedded',
                runtime: identity.runtime ?? null,
                version: identity.version ?? null,
                hostname: identity.hostname ?? null,
                sdkVersion: identity.sdkVersion ?? null,
                // Registration is proof of life, as REF: the agent starts ONLINE with a heartbeat.
                status: 'ONLINE',
                lastHeartbeatAt: now,
                disabledAt: null,
                revokedAt: null,
                createdAt: now,
                updatedAt: now,
            };
            await this.agents.insert(agent, em);
        }
        const rawToken = this.tokenService.generate(token_service_1.AGENT_TOKEN_PREFIX);
        await this.tokens.insert({ id: this.ids.next('tok'), agentId: agent.id, tokenHash: this.tokenService.hash(rawToken), name: null, status: 'ACTIVE', lastUsedAt: null, revokedAt: null, createdAt: now, updatedAt: now }, em);
        return { agent, rawToken, revokedTokens, created: !existing };
    }
    async disable(ctx, agentId) {
        const agent = await this.tx.run(async (em) => {
            const current = await this.getOrThrow(agentId, em);
            if (current.status === 'REVOKED')
                throw new domain_error_1.DomainError('AGENT_REVOKED', 'Agent is revoked.');
            const patch = { status: 'DISABLED', disabledAt: current.disabledAt ?? ctx.nowIso, updatedAt: ctx.nowIso };
            await this.agents.update(agentId, patch, em);
            if (current.status !== 'DISABLED') {
                await this.audit.record(ctx, { action: 'agent.disabled', targetType: 'Agent', targetId: agentId, metadata: { previousStatus: current.status } }, em);
            }
            return { ...current, ...patch };
        });
        return this.toResponse(agent, ctx.now.getTime());
    }
    /** Back to what the heartbeat age implies (PENDING/ONLINE/OFFLINE), never a forced ONLINE. */
    async enable(ctx, agentId) {
        const nowMs = ctx.now.getTime();
        const agent = await this.tx.run(async (em) => {
            const current = await this.getOrThrow(agentId, em);
            if (current.status === 'REVOKED')
                throw new domain_error_1.DomainError('AGENT_REVOKED', 'Agent is revoked.');
            if (current.status !== 'DISABLED')
                return current;
            const status = (0, effective_status_1.statusImpliedByHeartbeat)(current.lastHeartbeatAt, nowMs, this.settings.get().agentOfflineThresholdSeconds);
            const patch = { status, disabledAt: null, updatedAt: ctx.nowIso };
            await this.agents.update(agentId, patch, em);
            await this.audit.record(ctx, { action: 'agent.enabled', targetType: 'Agent', targetId: agentId, metadata: { status } }, em);
            return { ...current, ...patch };
        });
        return this.toResponse(agent, nowMs);
    }
    async revoke(ctx, agentId) {
        const agent = await this.tx.run(async (em) => {
            const current = await this.getOrThrow(agentId, em);
            const revokedTokens = await this.tokens.revokeAllForAgent(agentId, ctx.nowIso, em);
            if (current.status === 'REVOKED' && revokedTokens === 0)
                return current;
            const patch = { status: 'REVOKED', revokedAt: current.revokedAt ?? ctx.nowIso, updatedAt: ctx.nowIso };
            await this.agents.update(agentId, patch, em);
            await this.audit.record(ctx, { action: 'agent.revoked', targetType: 'Agent', targetId: agentId, metadata: { revokedTokens, previousStatus: current.status } }, em);
            return { ...current, ...patch };
        });
        return this.toResponse(agent, ctx.now.getTime());
    }
    /**
     * Only REVOKED agents, or agents whose heartbeat age makes them OFFLINE, can be deleted. Its
     * tokens, services, health reports, configs, actions and their commands go by FK cascade.
     */
    async delete(ctx, agentId) {
        const nowMs = ctx.now.getTime();
        return this.tx.run(async (em) => {
            const current = await this.getOrThrow(agentId, em);
            const effective = this.effectiveStatus(current, nowMs);
            if (current.status !== 'REVOKED' && effective !== 'OFFLINE') {
                throw new domain_error_1.DomainError('AGENT_NOT_DELETABLE', 'Only REVOKED or OFFLINE agents can be deleted.', { status: current.status, effectiveStatus: effective });
            }
            const response = this.toResponse(current, nowMs);
            await this.agents.delete(agentId, em);
            await this.audit.record(ctx, { action: 'agent.deleted', targetType: 'Agent', targetId: agentId, metadata: { code: current.code, status: current.status, effectiveStatus: effective } }, em);
            return response;
        });
    }
};
exports.AgentsService = AgentsService;
exports.AgentsService = AgentsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agents_repository_1.AgentsRepository,
        agent_tokens_repository_1.AgentTokensRepository,
        runtime_settings_service_1.RuntimeSettingsService,
        transaction_runner_1.TransactionRunner,
        id_generator_1.IdGenerator,
        token_service_1.TokenService,
        audit_service_1.AuditService])
], AgentsService);
//# sourceMappingURL=agents.service.js.map