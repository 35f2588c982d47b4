import { DomainError } from '../common/errors/domain-error';
import type { AgentEntity } from '../agents/agent.entity';

/**
 * Whether the target agent can take an action now (docs/actions-and-commands.md, "Executing an action"),
 * with the runtime-settings threshold (docs/design/decisions.md, "One threshold source") instead of the reference's
 * env value. Every code is 409 here, whatever its default status elsewhere.
 */
export function assertAgentCanHandleAction(
  agent: AgentEntity | null,
  nowMs: number,
  offlineThresholdSeconds: number,
): asserts agent is AgentEntity {
  if (!agent) throw new DomainError('AGENT_NOT_FOUND', 'Agent not found for Capsule Service.', undefined, 409);
  if (agent.status === 'OFFLINE' || agent.status === 'DISABLED' || agent.status === 'REVOKED') {
    const word = agent.status.toLowerCase();
    throw new DomainError(
      `AGENT_${agent.status}`,
      `Agent is ${word}; start or reconnect the agent before running actions.`,
      { agentId: agent.id },
      409,
    );
  }
  if (!agent.lastHeartbeatAt)
    throw new DomainError('AGENT_NOT_READY', 'Agent has not sent a heartbeat yet.', { agentId: agent.id }, 409);
  const age = nowMs - Date.parse(agent.lastHeartbeatAt);
  if (!Number.isFinite(age) || age > offlineThresholdSeconds * 1000) {
    throw new DomainError(
      'AGENT_HEARTBEAT_STALE',
      'Agent heartbeat is stale; start or reconnect the agent before running actions.',
      {
        agentId: agent.id,
        lastHeartbeatAt: agent.lastHeartbeatAt,
      },
      409,
    );
  }
}

/** HIGH and CRITICAL actions, and any the agent marked so, run only with `confirmation: true`
 * (docs/actions-and-commands.md, "Approval"). One rule for the console, retries and bus routes. */
export function needsConfirmation(action: {
  requiresConfirmation?: boolean | null;
  dangerLevel?: string | null;
}): boolean {
  return action.requiresConfirmation === true || action.dangerLevel === 'HIGH' || action.dangerLevel === 'CRITICAL';
}
