import type { AgentEffectiveStatus } from './agents';

/** Capsule Services, their health, configs and actions: `/api/admin/capsule-services`. */

export type ServiceStoredStatus = 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY' | 'STALE' | 'OFFLINE';
export type ServiceEffectiveStatus = 'HEALTHY' | 'UNHEALTHY' | 'STALE' | 'OFFLINE' | 'UNKNOWN';
export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export type DangerLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** A service on lists: `status` is the effective status, `storedStatus` the column. */
export interface CapsuleServiceResponse {
  id: string;
  agentId: string;
  code: string;
  name: string;
  description: string | null;
  version: string | null;
  runtime: string | null;
  status: ServiceEffectiveStatus;
  storedStatus: ServiceStoredStatus;
  healthStatus: HealthStatus;
  healthMessage: string | null;
  lastReportedAt: string | null;
  lastHealthAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The owning agent's code and name, so lists can show names instead of ids (null: agent gone). */
  agentCode: string | null;
  agentName: string | null;
  /** The owning agent's effective status (why actions are unavailable); null when the agent is gone. */
  agentStatus: AgentEffectiveStatus | null;
}

/** The documented ConfigItem shape (`key`, booleans), never the raw row. */
export interface ConfigItemResponse {
  id: string;
  key: string;
  label: string | null;
  type: string;
  source: string | null;
  editable: boolean;
  sensitive: boolean;
  valuePreview: string | null;
  defaultValue: string | null;
  secretRef: string | null;
  description: string | null;
  updatedAt: string;
}

/** `GET …/health` (the latest, or null), the rows of `…/health/history` and the detail's `health`. */
export interface HealthReportResponse {
  id: string;
  serviceId: string;
  agentId: string;
  status: HealthStatus;
  message: string | null;
  details: Record<string, unknown>;
  /** The latest report this row stands for. */
  reportedAt: string;
  /** When this row's sample began: a steady health refreshes one row for a few minutes (docs/api.md). */
  createdAt: string;
}

/** An action of the catalog; `category`/`order` only when set. */
export interface ActionDefinitionResponse {
  id: string;
  serviceId: string;
  name: string;
  label: string;
  description: string | null;
  dangerLevel: DangerLevel;
  requiresConfirmation: boolean;
  category?: string;
  order?: number;
  inputSchema: Record<string, unknown>;
  resultSchema?: Record<string, unknown>;
  timeoutSeconds: number | null;
  enabled: boolean;
  /** Whether the action has a prepare step; null when the agent did not say (docs/actions-and-commands.md). */
  hasPrepare: boolean | null;
  createdAt: string;
  updatedAt: string;
}

export interface CapsuleServiceDetailResponse extends CapsuleServiceResponse {
  manifest: Record<string, unknown>;
  capabilities: unknown[];
  events: unknown[];
  health: HealthReportResponse | null;
  configs: ConfigItemResponse[];
  actions: ActionDefinitionResponse[];
}

/** One status change point: the status holds from `at` until the next point (or `until`). */
export interface HealthPoint {
  status: string;
  at: string;
}

/** `GET …/health-timelines`: per service id, its points, oldest first (the first may lie before `since`). */
export interface HealthTimelines {
  since: string;
  until: string;
  services: Record<string, HealthPoint[]>;
}

/** `GET …/labels`: a manifest label in use and how many services carry it. */
export interface ServiceLabel {
  key: string;
  value: string;
  count: number;
}
