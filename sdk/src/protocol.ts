/**
 * Wire types of the Opstage CE agent API (`/api/agents/*`).
 *
 * These are plain interfaces describing JSON exactly as it travels between an agent and the
 * backend: what the backend accepts and answers, which is a little more than this SDK sends
 * (fields agents of the reference 0.4 protocol may send are listed and marked). They are the one
 * definition of the wire: the backend imports them as `@opstage/agent-node/protocol`, its
 * agent-facing DTO classes implement them and its domain services take them as input, and the
 * console's admin types derive from them. Renaming a field here fails the SDK, backend and
 * console builds together; every change must stay backward compatible with agents written for
 * the reference SDK 0.4 (docs/design/compatibility.md).
 *
 * The types are split by use case: registration, service reports and heartbeats in
 * `protocol-registration.ts`, the command poll and results in `protocol-commands.ts`, the
 * experimental bus in `protocol-bus.ts`. This file holds the shared primitives and envelopes and
 * re-exports the rest, so `@opstage/agent-node/protocol` stays the one entry point.
 *
 * @packageDocumentation
 */

/** Reported health status of a Capsule Service. */
export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

/** Danger level of an action; `HIGH` actions should require confirmation. */
export type DangerLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** Runtime of a Capsule Service. */
export type RuntimeKind = 'nodejs' | 'java' | 'python' | 'go' | 'other';

/** Agent mode accepted by the register endpoint. This SDK is an `embedded` agent. */
export type AgentMode = 'embedded' | 'ophub';

/** JSON object with unknown values. */
export type JsonObject = Record<string, unknown>;

/**
 * Successful response envelope: `{ success: true, data }`.
 * The command poll response may also carry `cancelledCommandIds` beside `data` (see {@link PollCommandsResponse}).
 */
export interface SuccessEnvelope<T> {
  /** Always `true`. */
  success: true;
  /** Response payload. */
  data: T;
}

/** Error object inside a failure envelope. */
export interface ApiErrorBody {
  /** Stable machine-readable code, e.g. `UNAUTHORIZED`, `AGENT_DISABLED`. */
  code: string;
  /** Human readable message. For 5xx always `"Internal server error."`. */
  message: string;
  /** Optional structured details (key-redacted by the backend). */
  details?: JsonObject;
  /** Correlation id of the request, when the backend provides one. */
  requestId?: string;
}

/** Failure response envelope: `{ success: false, error }`. */
export interface ErrorEnvelope {
  /** Always `false`. */
  success: false;
  /** The error. */
  error: ApiErrorBody;
}

/** Health report sent in service reports and heartbeats. */
export interface HealthReportInput {
  /** Health status. */
  status: HealthStatus;
  /** Short human readable message. */
  message?: string;
  /** Free-form details (key-redacted by the backend), shown as JSON. */
  details?: JsonObject;
  /** Reference-protocol field: accepted and not stored. */
  checkedAt?: string;
  /** Reference-protocol field: accepted and not stored. */
  dependencies?: unknown[];
}

export type {
  ActionDefinitionWire,
  AgentIdentityWire,
  CapsuleManifest,
  ConfigItemWire,
  HeartbeatRequest,
  HeartbeatResponse,
  RegisterAgentRequest,
  RegisterAgentResponse,
  ReportedService,
  ReportedServiceState,
  ServerIntervals,
  ServiceReportRequest,
  ServiceReportResponse,
} from './protocol-registration.js';
export type {
  AgentCommand,
  CommandResultBody,
  CommandResultError,
  CommandResultResponse,
  CommandStatus,
  CommandType,
  PollCommandsQuery,
  PollCommandsResponse,
} from './protocol-commands.js';
export type { BusEventRequest, BusEventResponse, BusRoutedCommand } from './protocol-bus.js';
