import type { CapsuleServiceResponse } from './capsule-services';

/** Agents: `/api/admin/agents`. */

export type AgentStatus = 'PENDING' | 'ONLINE' | 'OFFLINE' | 'DISABLED' | 'REVOKED';
export type AgentMode = 'embedded' | 'ophub';
/** What the heartbeat age implies right now (docs/agents.md). */
export type AgentEffectiveStatus = AgentStatus;

/** An agent as the admin API shows it: the stored status, the effective one and its identity. */
export interface AgentResponse {
  id: string;
  code: string;
  name: string | null;
  mode: AgentMode;
  runtime: string | null;
  version: string | null;
  hostname: string | null;
  sdkVersion: string | null;
  /** Stored status, as the reference 0.4 sends it. */
  status: AgentStatus;
  /** What the heartbeat age implies right now. */
  effectiveStatus: AgentEffectiveStatus;
  lastHeartbeatAt: string | null;
  disabledAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
  serviceCount?: number;
}

/** `GET /api/admin/agents/:agentId`: the agent and its services. */
export type AgentDetailResponse = AgentResponse & { services: CapsuleServiceResponse[] };
