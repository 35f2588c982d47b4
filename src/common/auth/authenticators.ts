import type { Request } from 'express';
import type { AgentPrincipal, UserPrincipal } from './principal';

/**
 * Contracts the global policy guard relies on. The auth module implements the session side and
 * the agents module the agent side, so neither module imports the other.
 */
export abstract class SessionAuthenticator {
  /** Resolves the cookie session to an ACTIVE user or throws 401 `UNAUTHORIZED`. */
  abstract authenticate(req: Request): Promise<UserPrincipal>;
  /** Throws 403 `CSRF_INVALID` unless the request carries the session's CSRF token. */
  abstract verifyCsrf(req: Request, principal: UserPrincipal): Promise<void>;
}

export abstract class AgentAuthenticator {
  /** Resolves the bearer token to the agent named by `agentId`, or throws 401/403. */
  abstract authenticate(req: Request, agentId: string | undefined): Promise<AgentPrincipal>;
}
