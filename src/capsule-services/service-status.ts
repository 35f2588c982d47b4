import type { AgentStatusInput } from '../agents/effective-status';
import type { ServiceEffectiveStatus, ServiceStoredStatus } from '../contracts';

export interface ServiceStatusInput {
  status: ServiceStoredStatus;
  lastReportedAt: string | null;
  lastHealthAt: string | null;
}

export interface StatusThresholds {
  /** Runtime setting (docs/design/decisions.md, "One threshold source"). */
  agentOfflineThresholdSeconds: number;
  /** `OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS`; 0 turns the report-freshness rule off. */
  serviceStaleThresholdSeconds: number;
}

/** Health → stored status (docs/agents.md, "Effective status rules"). */
export function storedStatusFromHealth(health: string | undefined): ServiceStoredStatus {
  if (health === 'UP') return 'HEALTHY';
  if (health === 'DEGRADED' || health === 'DOWN') return 'UNHEALTHY';
  return 'UNKNOWN';
}

/**
 * The one effective-status rule for services (docs/agents.md, "Effective status rules";
 * docs/design/decisions.md, "One threshold source"). The SQL twin is `serviceEffectiveStatusSql` in the repository and must agree:
 * 1. no owner agent, or the agent DISABLED/REVOKED → OFFLINE;
 * 2. the agent never heartbeated → STALE;
 * 3. the agent's heartbeat is older than the offline threshold → OFFLINE (what its row shows);
 * 4. neither a report nor a health update within the service-stale threshold → STALE;
 * 5. otherwise the stored status (HEALTHY / UNHEALTHY / UNKNOWN / STALE as written); a stored
 *    OFFLINE only records an earlier sweep, and the agent is live again, so it reads UNKNOWN.
 */
export function serviceEffectiveStatus(
  service: ServiceStatusInput,
  agent: AgentStatusInput | null,
  nowMs: number,
  t: StatusThresholds,
): ServiceEffectiveStatus {
  if (!agent || agent.status === 'DISABLED' || agent.status === 'REVOKED') return 'OFFLINE';
  if (!agent.lastHeartbeatAt) return 'STALE';
  const hb = Date.parse(agent.lastHeartbeatAt);
  if (Number.isNaN(hb) || nowMs - hb > t.agentOfflineThresholdSeconds * 1000) return 'OFFLINE';
  if (t.serviceStaleThresholdSeconds > 0) {
    const fresh = Math.max(parseOr0(service.lastReportedAt), parseOr0(service.lastHealthAt));
    if (nowMs - fresh > t.serviceStaleThresholdSeconds * 1000) return 'STALE';
  }
  return service.status === 'OFFLINE' ? 'UNKNOWN' : service.status;
}

function parseOr0(iso: string | null): number {
  if (!iso) return 0;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Since when a service has had its effective status, from what the rows record: the agent's
 * disable/revoke time or last heartbeat (OFFLINE, STALE by heartbeat), the last report (STALE by
 * freshness), or the start of the current health streak (`healthSince`, from the health history).
 */
export function statusSince(
  status: ServiceEffectiveStatus,
  service: ServiceStatusInput & { createdAt: string },
  agent: (AgentStatusInput & { disabledAt: string | null; revokedAt: string | null }) | null,
  healthSince: string | null,
): string | null {
  if (status === 'OFFLINE')
    return agent?.revokedAt ?? agent?.disabledAt ?? agent?.lastHeartbeatAt ?? service.lastReportedAt;
  if (status === 'STALE') {
    if (!agent?.lastHeartbeatAt) return service.createdAt;
    const fresh = Math.max(parseOr0(service.lastReportedAt), parseOr0(service.lastHealthAt));
    return fresh > 0 ? new Date(fresh).toISOString() : service.createdAt;
  }
  return healthSince ?? service.lastHealthAt;
}
