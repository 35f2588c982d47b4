import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AgentsService } from '../agents/agents.service';
import { RejectionAuditSampler } from '../audit/rejection-sampler';
import { AgentAuthenticator } from '../common/auth/authenticators';
import type { AgentPrincipal } from '../common/auth/principal';
import { RequestContext } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { DomainError, unauthorized } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { attachAgent } from './authenticated-agent';
import { LivenessWriter } from './liveness-writer';

/** `lastUsedAt` is refreshed at most this often per token (30 s, as the reference). */
export const TOKEN_LAST_USED_THROTTLE_MS = 30_000;
/** An agent id as we issue them; anything else in the path is not stored. */
const AGENT_ID = /^agt_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Parses `Authorization` like the reference backend: a case-insensitive `Bearer ` prefix is stripped and a bare
 * token is accepted. Anything empty or containing whitespace (e.g. `Basic x y`) is malformed.
 */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const trimmed = header.trim();
  const token = /^bearer(\s+|$)/i.test(trimmed) ? trimmed.replace(/^bearer\s*/i, '') : trimmed;
  if (token === '' || /\s/.test(token)) return null;
  return token;
}

/**
 * Bearer authentication for `/api/agents/:agentId/*` (docs/agents.md, "Authentication"): the
 * token is looked up by hash with its agent in one indexed read and must belong to the path's
 * agent; failures are audited through the rejection sampler. It plays the role of a
 * passport-http-bearer strategy, invoked from the global policy guard.
 */
@Injectable()
export class TokenAgentAuthenticator extends AgentAuthenticator {
  constructor(
    private readonly agents: AgentsService,
    private readonly tokenService: TokenService,
    private readonly rejections: RejectionAuditSampler,
    private readonly clock: Clock,
    private readonly liveness: LivenessWriter,
  ) {
    super();
  }

  async authenticate(req: Request, agentId: string | undefined, routePattern?: string): Promise<AgentPrincipal> {
    const reject = (reason: string): Promise<void> => this.reject(req, agentId, reason, routePattern);
    const raw = bearerToken(req.header('authorization'));
    if (!raw) {
      await reject('missing_or_malformed');
      throw unauthorized('Agent token required.');
    }
    const token = await this.agents.findActiveToken(this.tokenService.hash(raw));
    if (!token) {
      await reject('unknown_or_revoked_token');
      throw unauthorized('Invalid Agent token.');
    }
    const agent = token.agent;
    if (!agentId || agent.id !== agentId) {
      await reject('token_of_other_agent');
      throw unauthorized('Invalid Agent token.');
    }
    if (agent.status === 'REVOKED') {
      await reject('agent_revoked');
      throw unauthorized('Invalid Agent token.');
    }
    if (agent.status === 'DISABLED') {
      await reject('agent_disabled');
      throw new DomainError('AGENT_DISABLED', 'Agent is disabled.');
    }
    const nowMs = this.clock.nowMs();
    const lastUsed = token.tokenLastUsedAt ? Date.parse(token.tokenLastUsedAt) : Number.NaN;
    if (Number.isNaN(lastUsed) || nowMs - lastUsed >= TOKEN_LAST_USED_THROTTLE_MS) {
      this.liveness.tokenUsed(token.tokenId, new Date(nowMs).toISOString());
    }
    attachAgent(req, agent);
    return { kind: 'agent', id: agent.id, code: agent.code, tokenId: token.tokenId };
  }

  /**
   * Audited through the sampler: per client address and route pattern, under a global cap
   * (docs/security.md), so a flood of bad tokens cannot grow the audit log. The path's agent id
   * is stored only when it has the shape of one; the raw path never is.
   */
  private async reject(
    req: Request,
    agentId: string | undefined,
    reason: string,
    routePattern?: string,
  ): Promise<void> {
    const ctx = RequestContext.fromRequest(req, { kind: 'anonymous', id: null }, this.clock);
    const route = routePattern ?? (req.route as { path?: unknown } | undefined)?.path;
    await this.rejections.record(ctx, typeof route === 'string' ? route : 'unmatched', {
      action: 'agent.auth.rejected',
      actor: { type: 'AGENT', id: null },
      targetType: 'Agent',
      targetId: agentId !== undefined && AGENT_ID.test(agentId) ? agentId : null,
      result: 'FAILURE',
      message: reason,
      metadata: { reason },
    });
  }
}
