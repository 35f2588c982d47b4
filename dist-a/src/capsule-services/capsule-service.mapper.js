"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toServiceResponse = toServiceResponse;
exports.toConfigResponse = toConfigResponse;
exports.toHealthResponse = toHealthResponse;
exports.manifestOf = manifestOf;
exports.extrasOf = extrasOf;
const action_mapper_1 = require("./action.mapper");
function toServiceResponse(s, status) {
    return {
        id: s.id,
        agentId: s.agentId,
        code: s.code,
        name: s.name,
        description: s.description,
        version: s.version,
        runtime: s.runtime,
        status,
        storedStatus: s.status,
        healthStatus: s.healthStatus,
        healthMessage: s.healthMessage,
        lastReportedAt: s.lastReportedAt,
        lastHealthAt: s.lastHealthAt,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
    };
}
function toConfigResponse(c) {
    const sensitive = Boolean(c.sensitive);
    return {
        id: c.id,
        key: c.configKey,
        label: c.label,
        type: c.type,
        source: c.source,
        editable: Boolean(c.editable),
        sensitive,
        // Stored null already; belt and braces so a sensitive value can never be mapped out.
        valuePreview: sensitive ? null : c.valuePreview,
        defaultValue: sensitive ? null : c.defaultValue,
        secretRef: c.secretRef,
        description: c.description,
        updatedAt: c.updatedAt,
    };
}
function toHealthResponse(h) {
    return { id: h.id, serviceId: h.serviceId, agentId: h.agentId, status: h.status, message: h.message, details: (0, action_mapper_1.parseObject)(h.detailsJson), reportedAt: h.reportedAt };
}
function manifestOf(s) {
    return (0, action_mapper_1.parseObject)(s.manifestJson);
}
function extrasOf(s) {
    return { capabilities: (0, action_mapper_1.parseArray)(s.capabilitiesJson), events: (0, action_mapper_1.parseArray)(s.eventsJson) };
}
//# sourceMappingURL=capsule-service.mapper.js.map