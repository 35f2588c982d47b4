/** Capsule Bus (experimental): `/api/admin/bus/*`. */

export type BusRouteStatus = 'ENABLED' | 'DISABLED' | 'DRY_RUN';

/** A route; nullable columns are omitted rather than sent as null (as the reference 0.4 does). */
export interface PublicBusRoute {
  id: string;
  name: string;
  description?: string;
  status: BusRouteStatus;
  match: { eventType: string; sourceServiceCode?: string };
  target: { serviceCode: string; actionName: string };
  inputMapping: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdByUserId?: string;
  createdAt: string;
  updatedAt: string;
  /** `v0.4-experimental` on every bus object. */
  experimental: string;
}

/** An accepted event; payload and metadata are the stored (redacted) copies. */
export interface PublicBusEvent {
  id: string;
  agentId: string;
  sourceServiceId?: string;
  sourceServiceCode: string;
  eventType: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  correlationId?: string;
  causationId?: string;
  /** 0 without a causation, parent depth + 1 otherwise. */
  depth: number;
  occurredAt: string;
  acceptedAt: string;
  routeCount: number;
  experimental: string;
}

/**
 * Body of POST/PUT `/api/admin/bus/routes`. On PUT every field is replaced, except
 * `inputMapping` and `metadata`: absent keeps the stored value (`{}` clears).
 */
export interface BusRouteInput {
  name: string;
  description?: string | null;
  status?: BusRouteStatus;
  match: { eventType: string; sourceServiceCode?: string | null };
  target: { serviceCode: string; actionName: string };
  inputMapping?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
