"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toAgentResponse = toAgentResponse;
function toAgentResponse(agent, effectiveStatus, serviceCount) {
    const out = {
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
    if (serviceCount !== undefined)
        out.serviceCount = serviceCount;
    return out;
}
//# sourceMappingURL=agent.mapper.js.map