"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toDeliveryResponse = toDeliveryResponse;
function toDeliveryResponse(row) {
    return {
        id: row.id,
        event: row.event,
        status: row.status,
        attempts: row.attempts,
        responseStatus: row.responseStatus,
        lastError: row.lastError,
        summary: row.summary,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        deliveredAt: row.deliveredAt,
    };
}
//# sourceMappingURL=webhook-delivery.mapper.js.map