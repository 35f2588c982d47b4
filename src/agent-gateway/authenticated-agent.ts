import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AgentEntity } from '../agents/agent.entity';

const AGENT_KEY = Symbol('opstage.authenticatedAgent');

type WithAgent = Request & { [AGENT_KEY]?: AgentEntity };

/** The authenticator keeps the agent row it already read, so the heartbeat needs no second query. */
export function attachAgent(req: Request, agent: AgentEntity): void {
  (req as WithAgent)[AGENT_KEY] = agent;
}

/**
 * Lets the request forget the row once the handler holds it: a parked long-poll keeps its request for up to
 * 30 s, and 15,000 of them are most of the live heap the old-generation collections mark (docs/performance.md).
 */
export function detachAgent(req: Request): void {
  (req as WithAgent)[AGENT_KEY] = undefined;
}

/** The agent row the authenticator attached to this request; throws on a request that was not authenticated. */
export function authenticatedAgentOf(req: Request): AgentEntity {
  const agent = (req as WithAgent)[AGENT_KEY];
  if (!agent) throw new Error('AuthenticatedAgent used on a route without @AgentAuth()');
  return agent;
}

/** The agent row loaded while authenticating this request (`@AgentAuth()` routes only). */
export const AuthenticatedAgent = createParamDecorator(
  (_data: unknown, host: ExecutionContext): AgentEntity =>
    authenticatedAgentOf(host.switchToHttp().getRequest<Request>()),
);
