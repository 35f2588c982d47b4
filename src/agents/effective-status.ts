import type { AgentEffectiveStatus, AgentStatus } from '../contracts';

/** The minimum of the agent row the rule looks at. */
export interface AgentStatusInput {
  status: AgentStatus;
  lastHeartbeatAt: string | null;
}

/**
 * One rule for every read (docs/design/decisions.md, "One threshold source"; docs/design/decisions.md, "Lists filter
 * on the effective status"; the SQL twin is `agentEffectiveStatusSql` in the
 * agents repository and must stay in step):
 * 1. DISABLED and REVOKED are operator decisions and win.
 * 2. No heartbeat ever → PENDING.
 * 3. Heartbeat strictly older than the offline threshold → OFFLINE (even before the sweep ran).
 * 4. Otherwise ONLINE.
 */
export function agentEffectiveStatus(
  agent: AgentStatusInput,
  nowMs: number,
  offlineThresholdSeconds: number,
): AgentEffectiveStatus {
  if (agent.status === 'DISABLED' || agent.status === 'REVOKED') return agent.status;
  if (!agent.lastHeartbeatAt) return 'PENDING';
  const at = Date.parse(agent.lastHeartbeatAt);
  if (Number.isNaN(at)) return 'OFFLINE';
  return nowMs - at > offlineThresholdSeconds * 1000 ? 'OFFLINE' : 'ONLINE';
}

/** The ISO instant before which a heartbeat counts as stale (same comparison as the pure rule). */
export function heartbeatCutoffIso(nowMs: number, offlineThresholdSeconds: number): string {
  return new Date(nowMs - offlineThresholdSeconds * 1000).toISOString();
}

/** What `enable` restores: the status the heartbeat age implies, never a forced ONLINE. */
export function statusImpliedByHeartbeat(
  lastHeartbeatAt: string | null,
  nowMs: number,
  offlineThresholdSeconds: number,
): 'PENDING' | 'ONLINE' | 'OFFLINE' {
  const status = agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt }, nowMs, offlineThresholdSeconds);
  return status === 'PENDING' || status === 'OFFLINE' ? status : 'ONLINE';
}
