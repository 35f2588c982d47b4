import { JsonObject, Role } from './common';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  status: 'ACTIVE' | 'DISABLED';
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoginResponse {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
  cookieSecureOverHttp?: boolean;
}

export interface MeResponse {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

export interface CsrfResponse {
  csrfToken: string;
  expiresAt: string;
}

/** `GET /api/system/version`; must equal the server's `SystemVersion` (checked by `npm run typecheck`). */
export interface SystemVersion {
  version: string;
  edition: 'ce';
  commit?: string;
  buildTime?: string;
  features: { capsuleBus: boolean };
}

export type RegistrationTokenStatus = 'ACTIVE' | 'USED' | 'REVOKED' | 'EXPIRED';

export interface RegistrationToken {
  id: string;
  name: string;
  status: RegistrationTokenStatus;
  agentId: string | null;
  agentCode?: string | null;
  expiresAt: string | null;
  usedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatedRegistrationToken extends RegistrationToken {
  token: string;
  rawToken?: string;
}

export type AgentStatus = 'PENDING' | 'ONLINE' | 'OFFLINE' | 'DISABLED' | 'REVOKED';

export interface Agent {
  id: string;
  code: string;
  name: string | null;
  mode: string;
  runtime: string | null;
  status: AgentStatus;
  effectiveStatus?: AgentStatus;
  lastHeartbeatAt: string | null;
  createdAt: string;
  updatedAt: string;
  serviceCount?: number;
}

export interface AgentDetail extends Agent {
  services?: CapsuleService[];
}

export type ServiceStatus = 'HEALTHY' | 'UNHEALTHY' | 'STALE' | 'OFFLINE' | 'UNKNOWN';
export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

export interface CapsuleService {
  id: string;
  agentId: string;
  code: string;
  name: string;
  description: string | null;
  version: string | null;
  runtime: string | null;
  status: ServiceStatus;
  storedStatus?: ServiceStatus;
  healthStatus: HealthStatus;
  lastReportedAt: string | null;
  lastHealthAt: string | null;
  createdAt: string;
  updatedAt: string;
  healthMessage?: string | null;
  /** The owning agent (names on lists; its status explains unavailable actions). */
  agentCode?: string | null;
  agentName?: string | null;
  agentStatus?: AgentStatus | null;
}

/**
 * `GET …/capsule-services/:id/health` (latest or null), `…/health/history` rows and the detail's
 * `health`. Must equal the server's `HealthReportResponse` (checked by `npm run typecheck`).
 */
export interface HealthReport {
  id: string;
  serviceId: string;
  agentId: string;
  status: HealthStatus;
  message: string | null;
  details: JsonObject;
  reportedAt: string;
  /** When this row's sample began (a steady health refreshes one row for a few minutes). */
  createdAt: string;
}

/** Config rows: the reference returns raw columns (`configKey`, 0/1 flags); our server uses `key` and booleans. */
export interface ConfigItem {
  id?: string;
  key?: string;
  configKey?: string;
  label?: string | null;
  type: string;
  source?: string | null;
  editable?: boolean | number;
  sensitive?: boolean | number;
  valuePreview?: string | null;
  defaultValue?: string | null;
  secretRef?: string | null;
}

export type DangerLevel = 'LOW' | 'MEDIUM' | 'HIGH';

export interface ActionDefinition {
  id?: string;
  serviceId?: string;
  name: string;
  label: string;
  description?: string | null;
  dangerLevel: DangerLevel;
  requiresConfirmation?: boolean;
  category?: string;
  order?: number;
  inputSchema?: JsonObject;
  timeoutSeconds?: number | null;
  enabled?: boolean;
  /** false: no prepare step (the form opens from the catalog); null/absent: the agent did not say. */
  hasPrepare?: boolean | null;
}

export interface CapsuleServiceDetail extends CapsuleService {
  manifest?: JsonObject;
  health?: HealthReport | null;
  configs?: ConfigItem[];
  actions?: ActionDefinition[];
}

export type CommandStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';
export type CommandType = 'ACTION_EXECUTE' | 'ACTION_PREPARE';

export interface Command {
  id: string;
  agentId: string;
  serviceId: string;
  type: CommandType;
  actionName: string;
  status: CommandStatus;
  payload: unknown;
  createdByUserId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  durationMs: number | null;
  retryOfCommandId?: string | null;
  serviceCode?: string | null;
  serviceName?: string | null;
  agentCode?: string | null;
  agentName?: string | null;
}

export interface CommandResult {
  id?: string;
  commandId?: string;
  success: boolean;
  message?: string | null;
  data?: unknown;
  error?: unknown;
  reportedAt?: string;
  /** Present when the result had one-time fields; they are only handed out by `POST …/reveal`. */
  oneTime?: OneTimeState | null;
}

export interface OneTimeState {
  revealable: boolean;
  expiresAt: string | null;
  revealedAt: string | null;
  revealedByUserId: string | null;
}

export interface RevealedSecret {
  commandId: string;
  fields: Record<string, unknown>;
  revealedAt: string;
}

export interface CommandDetail extends Command {
  result: CommandResult | null;
}

export interface PrepareResponse {
  action: ActionDefinition;
  initialPayload?: JsonObject;
  currentState?: JsonObject;
  /** null when the action has no prepare step (answered from the catalog). */
  prepareCommand?: CommandDetail | null;
}

export interface AuditEvent {
  id: string;
  actorType: 'USER' | 'AGENT' | 'SYSTEM';
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  message: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  metadata: JsonObject | null;
  createdAt: string;
}

export interface MaintenanceSettings {
  agentOfflineThresholdSeconds: number;
  auditRetentionDays: number;
  maintenanceIntervalSeconds: number;
}

export type MaintenanceRunResult = JsonObject;

export interface DashboardSummary {
  workspace: { id: string; code?: string; name: string; status?: string };
  agentCounts: Record<string, number>;
  serviceCounts: Record<string, number>;
  commandCounts: Record<string, number>;
  auditEventCount: number;
  recentCommands: Command[];
  recentAuditEvents: AuditEvent[];
}

export interface Metrics {
  totals?: Record<string, number>;
  byStatus?: Record<string, Record<string, number>>;
  operational?: Record<string, number>;
  commandDurations?: Record<string, number | null>;
  topCommandErrors?: { code: string; count: number }[];
  [key: string]: unknown;
}

export type BusRouteStatus = 'ENABLED' | 'DISABLED' | 'DRY_RUN';

export interface BusRoute {
  id: string;
  name: string;
  description?: string;
  status: BusRouteStatus;
  match: { eventType: string; sourceServiceCode?: string };
  target: { serviceCode: string; actionName: string };
  inputMapping?: JsonObject;
  metadata?: JsonObject;
  createdByUserId?: string;
  createdAt: string;
  updatedAt: string;
  /** `v0.4-experimental` on every bus object. */
  experimental?: string;
}

/**
 * Body of POST/PUT `/api/admin/bus/routes`. On PUT every field is replaced, except
 * `inputMapping` and `metadata`: absent keeps the stored value (`{}` clears).
 */
export interface BusRouteInput {
  name: string;
  description?: string;
  status: BusRouteStatus;
  match: { eventType: string; sourceServiceCode?: string };
  target: { serviceCode: string; actionName: string };
  inputMapping?: JsonObject;
  metadata?: JsonObject;
}

export interface BusEvent {
  id: string;
  agentId: string;
  sourceServiceId?: string;
  sourceServiceCode: string;
  eventType: string;
  payload?: unknown;
  metadata?: unknown;
  correlationId?: string;
  causationId?: string;
  /** 0 without a causation, parent depth + 1 otherwise. */
  depth: number;
  occurredAt: string;
  acceptedAt: string;
  routeCount: number;
  experimental?: string;
}

/** A dashboard number and the list query it counts (`GET /api/admin/dashboard/overview`). */
export interface DashboardTile {
  id: string;
  list: 'services' | 'agents' | 'commands';
  query: Record<string, string>;
  count: number;
}

export interface ProblemService extends CapsuleService {
  since: string | null;
  lastCommand: Command | null;
}

export interface DashboardOverview {
  generatedAt: string;
  failuresSince: string;
  tiles: DashboardTile[];
  problemServices: ProblemService[];
  failedCommands: Command[];
  offlineAgents: Agent[];
}

export interface SearchResults {
  services: CapsuleService[];
  agents: Agent[];
  commands: Command[];
}

/** One status change of a service's health timeline: it holds from `at` to the next point. */
export interface HealthPoint {
  status: string;
  at: string;
}

export interface HealthTimelines {
  since: string;
  until: string;
  services: Record<string, HealthPoint[]>;
}

export interface ServiceLabel {
  key: string;
  value: string;
  count: number;
}

export interface BulkItem {
  id: string;
  ok: boolean;
  status?: string;
  commandId?: string;
  error?: { code: string; message: string };
}

export interface BulkResult {
  requested: number;
  succeeded: number;
  failed: number;
  items: BulkItem[];
}
