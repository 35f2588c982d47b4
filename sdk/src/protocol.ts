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

/** Command types delivered by the command poll. */
export type CommandType = 'ACTION_EXECUTE' | 'ACTION_PREPARE';

/** Command statuses (the poll always delivers `RUNNING`; an agent never sees `AWAITING_APPROVAL`). */
export type CommandStatus =
  | 'AWAITING_APPROVAL'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'EXPIRED';

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

/** Config item as reported on the wire (`ConfigInput`). Sensitive items carry no value. */
export interface ConfigItemWire {
  /** Stable key, dot-separated recommended (`demo.message`). Unique per service. */
  key: string;
  /** Display label. */
  label?: string;
  /** Type: `string`, `number`, `boolean`, `select`, `json`, `secretRef`, `secret`, … */
  type: string;
  /** Where the value comes from: `env`, `file`, `database`, `runtime`, `secretRef`, `unknown`. */
  source?: string;
  /** Whether the value could be edited (CE is visibility-only). */
  editable?: boolean;
  /** When true the backend never stores or returns the value. */
  sensitive?: boolean;
  /** Observed value as a display string (non-sensitive items only). */
  valuePreview?: string;
  /** Default value as a display string (non-sensitive items only). */
  defaultValue?: string;
  /** Reference to a secret, never the secret itself (`env:NAME`, `vault://…`). */
  secretRef?: string;
  /** Shown next to the item. */
  description?: string;
  /** Reference-protocol field: accepted and dropped (never stored, it may be a secret). */
  currentValue?: unknown;
  /** Reference-protocol field: accepted and dropped. */
  required?: boolean;
  /** Reference-protocol field: accepted and dropped. */
  options?: unknown;
  /** Reference-protocol field: accepted and dropped. */
  validation?: unknown;
  /** Reference-protocol field: accepted and dropped. */
  metadata?: JsonObject;
}

/** Action catalog entry as reported on the wire (`ActionInput`). */
export interface ActionDefinitionWire {
  /** Stable identifier, unique per service. */
  name: string;
  /** Button text. */
  label: string;
  /** Shown at the top of the action form. */
  description?: string;
  /** Danger level (default `LOW`; this SDK always sends it). */
  dangerLevel?: DangerLevel;
  /** Execute requires `confirmation: true` from the operator (default false; this SDK always sends it). */
  requiresConfirmation?: boolean;
  /** UI grouping (`account`, `api-key`, `diagnostics`, `row-action`, …). */
  category?: string;
  /** Order inside the category. */
  order?: number;
  /** JSON-Schema-like form description (`type: "object"`, `properties`, `required`). */
  inputSchema?: JsonObject;
  /** Command TTL in seconds (`expiresAt = now + timeoutSeconds`). Positive integer. */
  timeoutSeconds?: number;
  /** `false` keeps the action listed but refuses execution (409 `ACTION_DISABLED`). Default true. */
  enabled?: boolean;
  /**
   * Whether the action has a `prepare` step. `false` lets the backend answer the console's
   * prepare from the catalog without a round trip to the agent; absent (agents that predate the
   * field) means "ask the agent".
   */
  hasPrepare?: boolean;
  /** JSON-Schema-like description of the result data. */
  resultSchema?: JsonObject;
  /** Reference-protocol alias of `resultSchema`. */
  outputSchema?: JsonObject;
  /** Free-form extras, stored with the action. */
  metadata?: JsonObject;
}

/** Capsule Manifest (`kind: "CapsuleService"`), stored verbatim after key redaction. */
export interface CapsuleManifest {
  /** Always `CapsuleService`. */
  kind: 'CapsuleService';
  /** Manifest schema version, `1.0`. */
  schemaVersion: string;
  /** Service code. */
  code: string;
  /** Service name. */
  name: string;
  /** Service description. */
  description?: string;
  /** The service's own version. */
  version: string;
  /** Runtime. */
  runtime: RuntimeKind;
  /** Agent mode of the reporting agent. */
  agentMode: AgentMode;
  /** Additional manifest fields (`labels`, `capabilities`, `resources`, `links`, …). */
  [extra: string]: unknown;
}

/** One Capsule Service as reported by an agent (`ReportedService`). */
export interface ReportedService {
  /** 1–80 chars, `^[a-z0-9][a-z0-9_-]*$`. */
  code: string;
  /** 1–200 chars. */
  name: string;
  /** ≤2000 chars. */
  description?: string;
  /** ≤80 chars. */
  version?: string;
  /** Runtime: one of {@link RuntimeKind} by convention; any string ≤80 chars is stored. */
  runtime?: string;
  /** Manifest (required): a {@link CapsuleManifest}; any JSON object is stored (key-redacted). */
  manifest: JsonObject;
  /** Latest health. */
  health?: HealthReportInput;
  /** Config items (replace the stored list). */
  configs?: ConfigItemWire[];
  /** Action catalog (replaces the stored catalog). */
  actions?: ActionDefinitionWire[];
  /** OpHub extra (read from the manifest when absent here). */
  capabilities?: unknown[];
  /** OpHub extra (read from the manifest when absent here). */
  events?: unknown[];
}

/** Agent identity sent at registration. */
export interface AgentIdentityWire {
  /** Upsert key of the agent: 1–80 chars, `^[a-z0-9][a-z0-9_-]*$`. */
  code: string;
  /** Display name. */
  name?: string;
  /** Agent mode (default `embedded`). */
  mode?: AgentMode;
  /** Free-form runtime description, e.g. `nodejs`. */
  runtime?: string;
  /** Agent version (≤80 chars; ignored by the reference backend). */
  version?: string;
  /** Version of the agent SDK (≤80 chars; ignored by the reference backend). */
  sdkVersion?: string;
  /** Host name of the agent process (≤255 chars; ignored by the reference backend). */
  hostname?: string;
}

/** Body of `POST /api/agents/register` (no auth). */
export interface RegisterAgentRequest {
  /** One-time registration token, `opstage_reg_…`. */
  registrationToken: string;
  /** Agent identity. */
  agent: AgentIdentityWire;
  /** Initial service so it appears immediately (optional). */
  service?: ReportedService;
}

/** Polling cadence suggested by the backend (register and heartbeat responses). */
export interface ServerIntervals {
  /** Suggested heartbeat interval in seconds (the reference: always 30). */
  heartbeatIntervalSeconds: number;
  /** Suggested command poll interval in seconds (the reference: always 5). */
  commandPollIntervalSeconds: number;
}

/** `data` of a successful register response. */
export interface RegisterAgentResponse extends ServerIntervals {
  /** Agent id, `agt_…`. */
  agentId: string;
  /** Raw agent token, `opstage_agent_…`, returned exactly once. */
  agentToken: string;
}

/** Body of `POST /api/agents/:agentId/heartbeat` (may be `{}`). */
export interface HeartbeatRequest {
  /** Service whose health is attached (`svc_…`); must belong to the agent. */
  serviceId?: string;
  /** Latest health of that service. */
  health?: HealthReportInput;
}

/** `data` of a successful heartbeat response. */
export interface HeartbeatResponse extends ServerIntervals {
  /**
   * Ids of this agent's RUNNING commands that an operator cancelled (docs/design/decisions.md, "Cancel reaches the agent"). The SDK
   * aborts the matching handler's `AbortSignal`. Absent on the reference backend.
   */
  cancelledCommandIds?: string[];
}

/** Body of `POST /api/agents/:agentId/services/report`. */
export interface ServiceReportRequest {
  /** At least one service. */
  services: ReportedService[];
}

/** A service as returned by the report endpoint (only the fields the SDK relies on are typed). */
export interface ReportedServiceState {
  /** Service id, `svc_…`, needed for heartbeat health. */
  id: string;
  /** Service code. */
  code: string;
  /** Effective status (`HEALTHY`, `UNHEALTHY`, `STALE`, `OFFLINE`, `UNKNOWN`). */
  status?: string;
  /** Other fields of the public service view. */
  [extra: string]: unknown;
}

/** `data` of a successful service report response. */
export interface ServiceReportResponse {
  /** The upserted services with their ids. */
  services: ReportedServiceState[];
}

/** Query of `GET /api/agents/:agentId/commands`. */
export interface PollCommandsQuery {
  /** At least 1, default 10; a larger number is treated as 10. */
  limit?: number;
  /** Long-poll wait in seconds, 0–30 (docs/design/decisions.md, "Long-poll"); 0 answers at once, as the reference. */
  waitSeconds?: number;
}

/** A command as delivered (and claimed: status `RUNNING`) by the command poll. */
export interface AgentCommand {
  /** Command id, `cmd_…`. */
  id: string;
  /** Owning agent. */
  agentId: string;
  /** Target service, `svc_…`. */
  serviceId: string;
  /** `ACTION_EXECUTE` or `ACTION_PREPARE`. */
  type: CommandType;
  /** Name of the action to run. */
  actionName: string;
  /** Command status (`RUNNING` once claimed). */
  status: CommandStatus;
  /** Raw, unredacted operator payload (`{}` for prepare). */
  payload: JsonObject;
  /** Creating user, `null` for bus-created commands. */
  createdByUserId: string | null;
  /** Error code (null while running). */
  errorCode: string | null;
  /** Error message (null while running). */
  errorMessage: string | null;
  /** ISO-8601 creation time. */
  createdAt: string;
  /** ISO-8601 update time. */
  updatedAt: string;
  /** ISO-8601 claim time. */
  startedAt: string | null;
  /** ISO-8601 completion time (null while running). */
  completedAt: string | null;
  /** ISO-8601 expiry; results after it are rejected. */
  expiresAt: string | null;
  /** Duration (null while running). */
  durationMs: number | null;
}

/**
 * Full success body of the command poll: `data` is the command array (the reference's shape) and
 * `cancelledCommandIds` sits beside it at the top level (docs/design/decisions.md, "Cancel reaches the agent"), because `data` is an array.
 */
export interface PollCommandsResponse extends SuccessEnvelope<AgentCommand[]> {
  /** Ids of this agent's RUNNING commands that were cancelled. */
  cancelledCommandIds?: string[];
}

/** Error object of a failure result. */
export interface CommandResultError {
  /** Becomes the command's `errorCode` (≤80 chars; `ACTION_FAILED` when absent). */
  code: string;
  /** Becomes the command's `errorMessage` (≤500 chars). */
  message: string;
  /** Optional details (key-redacted by the backend). */
  details?: JsonObject;
}

/**
 * Body of `POST /api/agents/:agentId/commands/:commandId/result`.
 *
 * One-time fields: a top-level string `data.generatedKey`, and every top-level key of `data`
 * listed in the string array `data.oneTimeFields` (docs/design/decisions.md, "One-time result fields"), are delivered once to the first
 * operator who reads the command detail and are stored sealed, never in readable columns.
 */
export interface CommandResultBody {
  /** Outcome. */
  success: boolean;
  /** Human readable summary. */
  message?: string;
  /** Result data rendered by the console (`list`, `detail`, raw values, one-time fields). */
  data?: JsonObject;
  /**
   * Failure reason (when `success` is false). The backend also accepts any object here from
   * agents of the reference protocol: a missing or non-string `code` becomes `ACTION_FAILED`.
   */
  error?: CommandResultError;
  /** ISO-8601 time the handler started (informational; the server clock wins). */
  startedAt?: string;
  /** ISO-8601 time the handler finished (informational). */
  finishedAt?: string;
}

/** Stored result as returned by the result endpoint (redacted). */
export interface CommandResultResponse {
  /** Result id. */
  id: string;
  /** Command id. */
  commandId: string;
  /** Agent id. */
  agentId: string;
  /** Outcome. */
  success: boolean;
  /** Message. */
  message: string | null;
  /** Redacted data. */
  data: JsonObject;
  /** Redacted error. */
  error: JsonObject;
  /** ISO-8601. */
  reportedAt: string;
  /** ISO-8601. */
  createdAt: string;
}

export type { BusEventRequest, BusEventResponse, BusRoutedCommand } from './protocol-bus.js';
