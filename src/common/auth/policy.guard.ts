import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Clock } from '../time/clock';
import { ReadBarrier } from '../consistency/read-barrier';
import { attachContext } from '../context/ctx.decorator';
import { RequestContext } from '../context/request-context';
import { DomainError, forbidden } from '../errors/domain-error';
import { AgentAuthenticator, ApiTokenAuthenticator, SessionAuthenticator } from './authenticators';
import type { ApiTokenPrincipal } from './principal';
import {
  POLICY_KEY,
  TOKEN_ACCESS_KEY,
  TOKEN_SCOPE_KEY,
  type RoutePolicy,
  type TokenAccess,
  type TokenScopeTarget,
} from './policy.decorators';
import { roleAtLeast } from './role';
import type { Role } from '../../contracts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard (docs/design/architecture.md, "House rules"): every route must declare `@Public`, `@Roles` or
 * `@AgentAuth`; anything else is refused. Order of checks as in the reference: session (401), CSRF (403),
 * role (403). A request with `Authorization: Bearer opstage_api_…` is an API token instead of a session: no cookie,
 * no CSRF (CSRF protects cookies), then the route's token access and the token's scope (docs/api-tokens-and-cli.md,
 * "What a token can reach"). An operator request then waits for the writes held back in memory (ReadBarrier),
 * so it never reads behind what an agent was already told.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    private readonly sessions: SessionAuthenticator,
    private readonly agents: AgentAuthenticator,
    private readonly tokens: ApiTokenAuthenticator,
    private readonly barrier: ReadBarrier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw new DomainError('FORBIDDEN', 'Route has no access policy.', undefined, 403);
    switch (policy.kind) {
      case 'public':
        attachContext(req, RequestContext.fromRequest(req, { kind: 'anonymous', id: null }, this.clock));
        return true;
      case 'agent': {
        const agentId = typeof req.params.agentId === 'string' ? req.params.agentId : undefined;
        const principal = await this.agents.authenticate(req, agentId);
        attachContext(req, RequestContext.fromRequest(req, principal, this.clock));
        return true;
      }
      case 'roles': {
        if (this.tokens.presents(req)) {
          const principal = await this.tokens.authenticate(req);
          await this.checkToken(context, req, principal, policy.role);
          await this.barrier.settle();
          attachContext(req, RequestContext.fromRequest(req, principal, this.clock));
          return true;
        }
        const principal = await this.sessions.authenticate(req);
        if (!SAFE_METHODS.has(req.method)) await this.sessions.verifyCsrf(req, principal);
        if (!roleAtLeast(principal.role, policy.role)) throw forbidden();
        await this.barrier.settle();
        attachContext(req, RequestContext.fromRequest(req, principal, this.clock));
        return true;
      }
      default: {
        const unreachable: never = policy;
        throw new Error(`unknown policy ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** Session-only routes, the token's role against the route's, then its label scope against the target. */
  private async checkToken(
    context: ExecutionContext,
    req: Request,
    principal: ApiTokenPrincipal,
    sessionRole: Role,
  ): Promise<void> {
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<TokenAccess | undefined>(TOKEN_ACCESS_KEY, targets);
    const required = tokenMinimum(sessionRole, access);
    if (required === null)
      throw new DomainError('API_TOKEN_SESSION_ONLY', 'This route needs a console session; API tokens cannot use it.');
    if (!roleAtLeast(principal.role, required)) throw forbidden();
    if (principal.scope === null) return;
    const target = this.reflector.getAllAndOverride<TokenScopeTarget | undefined>(TOKEN_SCOPE_KEY, targets);
    const param = (name: string): string | undefined =>
      typeof req.params[name] === 'string' ? req.params[name] : undefined;
    if (target === 'filtered') return;
    if (target === 'service') return this.tokens.assertInScope(principal, { serviceId: param('serviceId') });
    if (target === 'command') return this.tokens.assertInScope(principal, { commandId: param('commandId') });
    throw new DomainError(
      'API_TOKEN_OUT_OF_SCOPE',
      'This token is limited to some services and cannot use this route.',
    );
  }
}

/** The role a token needs on a route, or null when the route is for sessions only (owner routes by default). */
function tokenMinimum(sessionRole: Role, access: TokenAccess | undefined): Role | null {
  if (access?.kind === 'session-only') return null;
  if (access?.kind === 'token-role') return access.role;
  return sessionRole === 'owner' ? null : sessionRole;
}
