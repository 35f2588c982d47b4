"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.storedStatusFromHealth = storedStatusFromHealth;
exports.serviceEffectiveStatus = serviceEffectiveStatus;
/** Health → stored status (backend.md §8.1). */
function storedStatusFromHealth(health) {
    if (health === 'UP')
        return 'HEALTHY';
    if (health === 'DEGRADED' || health === 'DOWN')
        return 'UNHEALTHY';
    return 'UNKNOWN';
}
/**
 * The one effective-status rule for services (backend.md §8.2 + decisions 14/15 + sdk-ui-ops §0
 * item 22). The SQL twin is `serviceEffectiveStatusSql` in the repository and must agree:
 * 1. no owner agent, or the agent DISABLED/REVOKED → OFFLINE;
 * 2. the agent never heartbeated → STALE;
 * 3. the agent's heartbeat is older than the offline threshold → OFFLINE (what its row shows);
 * 4. neither a report nor a health update within the service-stale threshold → STALE;
 * 5. otherwise the stored status (HEALTHY / UNHEALTHY / UNKNOWN / STALE as written); a stored
 *    OFFLINE only records an earlier sweep, and the agent is live again, so it reads UNKNOWN.
 */
function serviceEffectiveStatus(service, agent, nowMs, t) {
    if (!agent || agent.status === 'DISABLED' || agent.status === 'REVOKED')
        return 'OFFLINE';
    if (!agent.lastHeartbeatAt)
        return 'STALE';
    const hb = Date.parse(agent.lastHeartbeatAt);
    if (Number.isNaN(hb) || nowMs - hb > t.agentOfflineThresholdSeconds * 1000)
        return 'OFFLINE';
    if (t.serviceStaleThresholdSeconds > 0) {
        const fresh = Math.max(parseOr0(service.lastReportedAt), parseOr0(service.lastHealthAt));
        if (nowMs - fresh > t.serviceStaleThresholdSeconds * 1000)
            return 'STALE';
    }
    return service.status === 'OFFLINE' ? 'UNKNOWN' : service.status;
}
function parseOr0(iso) {
    if (!iso)
        return 0;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? 0 : ms;
}
//# sourceMappingURL=service-status.js.map