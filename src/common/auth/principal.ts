import type { ApiTokenLabel, ApiTokenRole, Role } from '../../contracts';

export interface UserPrincipal {
  kind: 'user';
  id: string;
  username: string;
  role: Role;
  sessionId: string;
}

export interface AgentPrincipal {
  kind: 'agent';
  id: string;
  code: string;
  tokenId: string;
}

/**
 * A script or CI job presenting `Authorization: Bearer opstage_api_…` (docs/api-tokens-and-cli.md). `role` is
 * already capped by the owning user's current role; `scope` limits it to services with these labels.
 */
export interface ApiTokenPrincipal {
  kind: 'api-token';
  id: string;
  name: string;
  role: ApiTokenRole;
  /** The user the token acts for; `null` for a service account. */
  userId: string | null;
  scope: readonly ApiTokenLabel[] | null;
}

export interface SystemPrincipal {
  kind: 'system';
  id: null;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
  id: null;
}

export type Principal = UserPrincipal | AgentPrincipal | ApiTokenPrincipal | SystemPrincipal | AnonymousPrincipal;
