import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Clock } from '../time/clock';
import { ReadBarrier } from '../consistency/read-barrier';
import { attachContext } from '../context/ctx.decorator';
import { RequestContext } from '../context/request-context';
import { DomainError, forbidden } from '../errors/domain-error';
import { AgentAuthenticator, SessionAuthenticator } from './authenticators';
import { POLICY_KEY, type RoutePolicy } from './policy.decorators';
import { roleAtLeast } from './role';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard (docs/design/architecture.md, "House rules"): every route must declare `@Public`, `@Roles` or
 * `@AgentAuth`; anything else is refused. Order of checks as in the reference: session (401), CSRF (403),
 * role (403). An operator request then waits for the writes held back in memory (ReadBarrier),
 * so it never reads behind what an agent was already told.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    private readonly sessions: SessionAuthenticator,
    private readonly agents: AgentAuthenticator,
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
}
