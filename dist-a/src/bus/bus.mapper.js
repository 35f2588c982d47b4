"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BUS_EXPERIMENTAL = void 0;
exports.parseJsonObject = parseJsonObject;
exports.toPublicBusRoute = toPublicBusRoute;
exports.toPublicBusEvent = toPublicBusEvent;
/** Marker on every bus response and object (backend.md §3.1). */
exports.BUS_EXPERIMENTAL = 'v0.4-experimental';
function parseJsonObject(json) {
    if (!json)
        return {};
    try {
        const value = JSON.parse(json);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    }
    catch {
        return {};
    }
}
function toPublicBusRoute(row) {
    return {
        id: row.id,
        name: row.name,
        ...(row.description === null ? {} : { description: row.description }),
        status: row.status,
        match: { eventType: row.eventType, ...(row.sourceServiceCode === null ? {} : { sourceServiceCode: row.sourceServiceCode }) },
        target: { serviceCode: row.targetServiceCode, actionName: row.actionName },
        inputMapping: parseJsonObject(row.inputMappingJson),
        metadata: parseJsonObject(row.metadataJson),
        ...(row.createdByUserId === null ? {} : { createdByUserId: row.createdByUserId }),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        experimental: exports.BUS_EXPERIMENTAL,
    };
}
function toPublicBusEvent(row) {
    return {
        id: row.id,
        agentId: row.agentId,
        ...(row.serviceId === null ? {} : { sourceServiceId: row.serviceId }),
        sourceServiceCode: row.serviceCode,
        eventType: row.eventType,
        payload: parseJsonObject(row.payloadJson),
        metadata: parseJsonObject(row.metadataJson),
        ...(row.correlationId === null ? {} : { correlationId: row.correlationId }),
        ...(row.causationId === null ? {} : { causationId: row.causationId }),
        depth: row.depth,
        occurredAt: row.occurredAt,
        acceptedAt: row.acceptedAt,
        routeCount: row.routeCount,
        experimental: exports.BUS_EXPERIMENTAL,
    };
}
//# sourceMappingURL=bus.mapper.js.map