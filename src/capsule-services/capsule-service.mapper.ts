import { isSensitiveKey } from '../common/redaction/redact';
import { parseArray, parseObject } from './action.mapper';
import type { CapsuleServiceEntity } from './capsule-service.entity';
import type { ConfigItemEntity } from './config-item.entity';
import type { HealthReportEntity } from './health-report.entity';
import type {
  AgentEffectiveStatus,
  CapsuleServiceResponse,
  ConfigItemResponse,
  HealthReportResponse,
  ServiceEffectiveStatus,
} from '../contracts';

export function toServiceResponse(
  s: CapsuleServiceEntity,
  status: ServiceEffectiveStatus,
  agent: { code: string; name: string | null } | null = null,
  agentStatus: AgentEffectiveStatus | null = null,
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
  return {
    id: h.id,
    serviceId: h.serviceId,
    agentId: h.agentId,
    status: h.status,
    message: h.message,
    details: parseObject(h.detailsJson),
    reportedAt: h.reportedAt,
    createdAt: h.createdAt,
  };
}

export function manifestOf(s: CapsuleServiceEntity): Record<string, unknown> {
  return parseObject(s.manifestJson);
}

export function extrasOf(s: CapsuleServiceEntity): { capabilities: unknown[]; events: unknown[] } {
  return { capabilities: parseArray(s.capabilitiesJson), events: parseArray(s.eventsJson) };
}
