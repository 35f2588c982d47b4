/**
 * Wire types of registration, service reports and heartbeats (`POST /api/agents/register`,
 * `/services/report`, `/heartbeat`), kept apart from the command poll in `protocol-commands.ts`;
 * `protocol.ts` re-exports them.
 */
import type { AgentMode, DangerLevel, HealthReportInput, JsonObject, RuntimeKind } from './protocol.js';

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
   * Ids of this agent's RUNNING commands that an operator cancelled (docs/agents.md, "Heartbeat"). The SDK
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
