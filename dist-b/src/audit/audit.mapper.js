"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toPublicAuditEvent = toPublicAuditEvent;
exports.parseMetadata = parseMetadata;
function toPublicAuditEvent(row) {
    return {
        id: row.id,
        actorType: row.actorType,
        actorId: row.actorId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        result: row.result,
        message: row.message,
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
        metadata: parseMetadata(row.metadataJson),
        createdAt: row.createdAt,
    };
}
/** Metadata was redacted before it was stored; a corrupt row shows as `{}` rather than failing the page. */
function parseMetadata(json) {
    try {
        const value = JSON.parse(json);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=audit.mapper.js.map