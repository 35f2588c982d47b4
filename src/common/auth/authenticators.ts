import type { Request } from 'express';
import type { AgentPrincipal, ApiTokenPrincipal, UserPrincipal } from './principal';

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
  /**
   * Resolves the bearer token to the agent named by `agentId`, or throws 401/403. `routePattern` names the
   * route for the rejection audit when the request was not routed by Express (the agent fast path).
   */
  abstract authenticate(req: Request, agentId: string | undefined, routePattern?: string): Promise<AgentPrincipal>;
}

/** The API-token side (the api-tokens module implements it). */
export abstract class ApiTokenAuthenticator {
  /** True when the request presents `Authorization: Bearer opstage_api_…` (then no cookie is consulted). */
  abstract presents(req: Request): boolean;
  /** Resolves the token, or throws 401 (unknown, expired, revoked) or 429 (too many bad tokens from this address). */
  abstract authenticate(req: Request): Promise<ApiTokenPrincipal>;
  /** Throws 403 `API_TOKEN_OUT_OF_SCOPE` unless the service (or the command's service) carries the scope's labels. */
  abstract assertInScope(
    principal: ApiTokenPrincipal,
    target: { serviceId?: string; commandId?: string },
  ): Promise<void>;
}
