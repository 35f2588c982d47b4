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
exports.TokenAgentAuthenticator = exports.REJECTION_AUDIT_INTERVAL_MS = exports.TOKEN_LAST_USED_THROTTLE_MS = void 0;
exports.bearerToken = bearerToken;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const authenticators_1 = require("../common/auth/authenticators");
const request_context_1 = require("../common/context/request-context");
const token_service_1 = require("../common/crypto/token-service");
const domain_error_1 = require("../common/errors/domain-error");
const clock_1 = require("../common/time/clock");
const agent_tokens_repository_1 = require("./agent-tokens.repository");
const authenticated_agent_1 = require("./authenticated-agent");
/** `lastUsedAt` is refreshed at most this often per token (REF: 30 s). */
exports.TOKEN_LAST_USED_THROTTLE_MS = 30_000;
/** One `agent.auth.rejected` audit per agent id per window (decision 12, same cadence as heartbeats). */
exports.REJECTION_AUDIT_INTERVAL_MS = 5 * 60 * 1000;
const MAX_TRACKED = 10_000;
/**
 * Parses `Authorization` like REF: a case-insensitive `Bearer ` prefix is stripped and a bare
 * token is accepted. Anything empty or containing whitespace (e.g. `Basic x y`) is malformed.
 */
function bearerToken(header) {
    if (header === undefined)
        return null;
    const trimmed = header.trim();
    const token = /^bearer(\s+|$)/i.test(trimmed) ? trimmed.replace(/^bearer\s*/i, '') : trimmed;
    if (token === '' || /\s/.test(token))
        return null;
    return token;
}
/**
 * Bearer authentication for `/api/agents/:agentId/*` (backend.md §6.3, decisions 2 and 12): the
 * token is looked up by hash with its agent in one indexed read and must belong to the path's
 * agent. It plays the role of a passport-http-bearer strategy, invoked from the global guard.
 */
let TokenAgentAuthenticator = class TokenAgentAuthenticator extends authenticators_1.AgentAuthenticator {
    tokens;
    tokenService;
    audit;
    clock;
    rejections = new Map();
    constructor(tokens, tokenService, audit, clock) {
        super();
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.audit = audit;
        this.clock = clock;
    }
    async authenticate(req, agentId) {
        const raw = bearerToken(req.header('authorization'));
        if (!raw) {
            await this.reject(req, agentId, 'missing_or_malformed');
            throw (0, domain_error_1.unauthorized)('Agent token required.');
        }
        const token = await this.tokens.findActiveForAuth(this.tokenService.hash(raw));
        if (!token) {
            await this.reject(req, agentId, 'unknown_or_revoked_token');
            throw (0, domain_error_1.unauthorized)('Invalid Agent token.');
        }
        const agent = token.agent;
        if (!agentId || agent.id !== agentId) {
            await this.reject(req, agentId, 'token_of_other_agent');
            throw (0, domain_error_1.unauthorized)('Invalid Agent token.');
        }
        if (agent.status === 'REVOKED') {
            await this.reject(req, agentId, 'agent_revoked');
            throw (0, domain_error_1.unauthorized)('Invalid Agent token.');
        }
        if (agent.status === 'DISABLED') {
            await this.reject(req, agentId, 'agent_disabled');
            throw new domain_error_1.DomainError('AGENT_DISABLED', 'Agent is disabled.');
        }
        const nowMs = this.clock.nowMs();
        const lastUsed = token.tokenLastUsedAt ? Date.parse(token.tokenLastUsedAt) : Number.NaN;
        if (Number.isNaN(lastUsed) || nowMs - lastUsed >= exports.TOKEN_LAST_USED_THROTTLE_MS) {
            await this.tokens.touchLastUsed(token.tokenId, new Date(nowMs).toISOString());
        }
        (0, authenticated_agent_1.attachAgent)(req, agent);
        return { kind: 'agent', id: agent.id, code: agent.code, tokenId: token.tokenId };
    }
    /** Sampled per path agent id so a misconfigured agent cannot flood the audit log. */
    async reject(req, agentId, reason) {
        const key = agentId ?? '(none)';
        const nowMs = this.clock.nowMs();
        const entry = this.rejections.get(key);
        if (entry && nowMs - entry.at < exports.REJECTION_AUDIT_INTERVAL_MS) {
            entry.suppressed += 1;
            return;
        }
        if (this.rejections.size >= MAX_TRACKED && !entry)
            this.rejections.clear();
        this.rejections.set(key, { at: nowMs, suppressed: 0 });
        const ctx = request_context_1.RequestContext.fromRequest(req, { kind: 'anonymous', id: null }, this.clock);
        await this.audit.record(ctx, {
            action: 'agent.auth.rejected',
            actor: { type: 'AGENT', id: null },
            targetType: 'Agent',
            targetId: agentId ?? null,
            result: 'FAILURE',
            message: reason,
            metadata: { reason, path: req.path, suppressedSinceLastAudit: entry?.suppressed ?? 0 },
        });
    }
};
exports.TokenAgentAuthenticator = TokenAgentAuthenticator;
exports.TokenAgentAuthenticator = TokenAgentAuthenticator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [agent_tokens_repository_1.AgentTokensRepository,
        token_service_1.TokenService,
        audit_service_1.AuditService,
        clock_1.Clock])
], TokenAgentAuthenticator);
//# sourceMappingURL=agent-authenticator.js.map