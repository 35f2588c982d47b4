import type { BusEventEntity } from './bus-event.entity';
import type { BusRouteEntity } from './bus-route.entity';
import type { PublicBusEvent, PublicBusRoute } from '../contracts';

/** Marker on every bus response and object (docs/capsule-bus.md, "Capsule Bus (experimental)"). */
export const BUS_EXPERIMENTAL = 'v0.4-experimental';

export function parseJsonObject(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function toPublicBusRoute(row: BusRouteEntity): PublicBusRoute {
  return {
    id: row.id,
    name: row.name,
    ...(row.description === null ? {} : { description: row.description }),
    status: row.status,
    match: {
      eventType: row.eventType,
      ...(row.sourceServiceCode === null ? {} : { sourceServiceCode: row.sourceServiceCode }),
    },
    target: { serviceCode: row.targetServiceCode, actionName: row.actionName },
    inputMapping: parseJsonObject(row.inputMappingJson),
    metadata: parseJsonObject(row.metadataJson),
    ...(row.createdByUserId === null ? {} : { createdByUserId: row.createdByUserId }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    experimental: BUS_EXPERIMENTAL,
  };
}

export function toPublicBusEvent(row: BusEventEntity): PublicBusEvent {
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
    experimental: BUS_EXPERIMENTAL,
  };
}
