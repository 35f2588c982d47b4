import type { AgentEntity, AgentMode, AgentStatus } from './agent.entity';
import type { AgentEffectiveStatus } from './effective-status';

/** An agent as the admin API returns it (docs/agents.md, "Admin: agents"), with `effectiveStatus`
 * (docs/design/decisions.md, "Lists filter on the effective status") and the identity fields we record. */
export interface AgentResponse {
  id: string;
  code: string;
  name: string | null;
  mode: AgentMode;
  runtime: string | null;
  version: string | null;
  hostname: string | null;
  sdkVersion: string | null;
  /** Stored status, as in the reference. */
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

export function toAgentResponse(agent: AgentEntity, effectiveStatus: AgentEffectiveStatus, serviceCount?: number): AgentResponse {
  const out: AgentResponse = {
    id: agent.id,
    code: agent.code,
    name: agent.name,
    mode: agent.mode,
    runtime: agent.runtime,
    version: agent.version,
    hostname: agent.hostname,
    sdkVersion: agent.sdkVersion,
    status: agent.status,
    effectiveStatus,
    lastHeartbeatAt: agent.lastHeartbeatAt,
    disabledAt: agent.disabledAt,
    revokedAt: agent.revokedAt,
    createdAt: agent.createdAt,
    updatedAt: agent.updatedAt,
  };
  if (serviceCount !== undefined) out.serviceCount = serviceCount;
  return out;
}
