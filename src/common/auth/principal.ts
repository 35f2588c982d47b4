import type { Role } from '../../contracts';

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

export interface SystemPrincipal {
  kind: 'system';
  id: null;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
  id: null;
}

export type Principal = UserPrincipal | AgentPrincipal | SystemPrincipal | AnonymousPrincipal;
