import { isSensitiveKey } from '../common/redaction/redact';
import type { ActionDefinitionResponse } from './action.mapper';
import { parseArray, parseObject } from './action.mapper';
import type { CapsuleServiceEntity, HealthStatus, ServiceStoredStatus } from './capsule-service.entity';
import type { ConfigItemEntity } from './config-item.entity';
import type { HealthReportEntity } from './health-report.entity';
import type { ServiceEffectiveStatus } from './service-status';

/** A service as the admin API returns it (docs/agents.md, "Admin: Capsule Services"): `status` is the effective
 * status, `storedStatus` the column. */
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
  agentStatus: string | null;
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

export interface CapsuleServiceDetailResponse extends CapsuleServiceResponse {
  manifest: Record<string, unknown>;
  capabilities: unknown[];
  events: unknown[];
  health: HealthReportResponse | null;
  configs: ConfigItemResponse[];
  actions: ActionDefinitionResponse[];
}

export function toServiceResponse(
  s: CapsuleServiceEntity,
  status: ServiceEffectiveStatus,
  agent: { code: string; name: string | null } | null = null,
  agentStatus: string | null = null,
): CapsuleServiceResponse {
  return {
    id: s.id,
    agentId: s.agentId,
    code: s.code,
    name: s.name,
    description: s.description,
    version: s.version,
    runtime: s.runtime,
    status,
    storedStatus: s.status,
    healthStatus: s.healthStatus,
    healthMessage: s.healthMessage,
    lastReportedAt: s.lastReportedAt,
    lastHealthAt: s.lastHealthAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    agentCode: agent?.code ?? null,
    agentName: agent?.name ?? null,
    agentStatus,
  };
}

export function toConfigResponse(c: ConfigItemEntity): ConfigItemResponse {
  const sensitive = Boolean(c.sensitive) || isSensitiveKey(c.configKey);
  return {
    id: c.id,
    key: c.configKey,
    label: c.label,
    type: c.type,
    source: c.source,
    editable: Boolean(c.editable),
    sensitive,
    // Stored null already; belt and braces so a sensitive value can never be mapped out.
    valuePreview: sensitive ? null : c.valuePreview,
    defaultValue: sensitive ? null : c.defaultValue,
    secretRef: c.secretRef,
    description: c.description,
    updatedAt: c.updatedAt,
  };
}

export function toHealthResponse(h: HealthReportEntity): HealthReportResponse {
  return { id: h.id, serviceId: h.serviceId, agentId: h.agentId, status: h.status, message: h.message, details: parseObject(h.detailsJson), reportedAt: h.reportedAt, createdAt: h.createdAt };
}

export function manifestOf(s: CapsuleServiceEntity): Record<string, unknown> {
  return parseObject(s.manifestJson);
}

export function extrasOf(s: CapsuleServiceEntity): { capabilities: unknown[]; events: unknown[] } {
  return { capabilities: parseArray(s.capabilitiesJson), events: parseArray(s.eventsJson) };
}
