"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.assertAgentCanHandleAction = assertAgentCanHandleAction;
const domain_error_1 = require("../common/errors/domain-error");
/**
 * backend.md §7.6 `assertAgentCanHandleAction` with the runtime-settings threshold (decision
 * 14) instead of REF's env value. Every code is 409 here, whatever its default status elsewhere.
 */
function assertAgentCanHandleAction(agent, nowMs, offlineThresholdSeconds) {
    if (!agent)
        throw new domain_error_1.DomainError('AGENT_NOT_FOUND', 'Agent not found for Capsule Service.', undefined, 409);
    if (agent.status === 'OFFLINE' || agent.status === 'DISABLED' || agent.status === 'REVOKED') {
        const word = agent.status.toLowerCase();
        throw new domain_error_1.DomainError(`AGENT_${agent.status}`, `Agent is ${word}; start or reconnect the agent before running actions.`, { agentId: agent.id }, 409);
    }
    if (!agent.lastHeartbeatAt)
        throw new domain_error_1.DomainError('AGENT_NOT_READY', 'Agent has not sent a heartbeat yet.', { agentId: agent.id }, 409);
    const age = nowMs - Date.parse(agent.lastHeartbeatAt);
    if (!Number.isFinite(age) || age > offlineThresholdSeconds * 1000) {
        throw new domain_error_1.DomainError('AGENT_HEARTBEAT_STALE', 'Agent heartbeat is stale; start or reconnect the agent before running actions.', {
            agentId: agent.id,
            lastHeartbeatAt: agent.lastHeartbeatAt,
        }, 409);
    }
}
//# sourceMappingURL=action-gating.js.map