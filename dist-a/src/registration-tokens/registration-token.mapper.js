"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.displayStatus = displayStatus;
exports.toRegistrationTokenResponse = toRegistrationTokenResponse;
function displayStatus(row, nowIso) {
    if (row.status === 'ACTIVE' && row.expiresAt !== null && row.expiresAt < nowIso)
        return 'EXPIRED';
    return row.status;
}
function toRegistrationTokenResponse(row, nowIso) {
    return {
        id: row.id,
        name: row.name,
        status: displayStatus(row, nowIso),
        agentCode: row.agentCode,
        agentId: row.agentId,
        createdByUserId: row.createdByUserId,
        expiresAt: row.expiresAt,
        usedAt: row.usedAt,
        revokedAt: row.revokedAt,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
    };
}
//# sourceMappingURL=registration-token.mapper.js.map