/**
 * Wire types of the experimental Capsule Bus (`POST /api/agents/:agentId/bus/events`), kept apart
 * from the core agent protocol in `protocol.ts`.
 */
import type { JsonObject } from './protocol.js';

/** Body of `POST /api/agents/:agentId/bus/events` (experimental Capsule Bus). */
export interface BusEventRequest {
  /** Event type, e.g. `order.created`. */
  eventType: string;
  /** Code of a service owned by the calling agent. */
  sourceServiceCode: string;
  /** Event payload (key-redacted before storage). */
  payload?: JsonObject;
  /** Event metadata. */
  metadata?: JsonObject;
  /** Correlation id. */
  correlationId?: string;
  /** Id of the causing event; the chain may be at most `OPSTAGE_CAPSULE_BUS_MAX_DEPTH` deep. */
  causationId?: string;
  /** ISO-8601 time the event occurred (default: now). */
  occurredAt?: string;
  /** Routing options. */
  routePolicy?: { dryRun?: boolean };
}

/** One routing outcome of a published bus event. */
export interface BusRoutedCommand {
  /** Matched route. */
  routeId: string;
  /** Created command (status `CREATED` only). */
  commandId?: string;
  /** Whether the route only recorded the match. */
  dryRun: boolean;
  /** Target service code. */
  targetServiceCode: string;
  /** Target action. */
  actionName: string;
  /** Outcome. */
  status: 'CREATED' | 'DRY_RUN' | 'FAILED';
  /** Failure code. */
  errorCode?: string;
  /** Failure message. */
  errorMessage?: string;
}

/** `data` of a successful bus event response. */
export interface BusEventResponse {
  /** Event id, `bev_…`. */
  eventId: string;
  /** Always `v0.4-experimental`. */
  experimental: string;
  /** Routing outcomes. */
  routedCommands: BusRoutedCommand[];
}
