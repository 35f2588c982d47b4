import type { AgentEntity } from './agent.entity';
import type { AgentEffectiveStatus, AgentResponse } from '../contracts';

export function toAgentResponse(
  agent: AgentEntity,
  effectiveStatus: AgentEffectiveStatus,
  serviceCount?: number,
): AgentResponse {
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
