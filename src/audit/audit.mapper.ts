import type { AuditEventEntity } from './audit-event.entity';
import type { PublicAuditEvent } from '../contracts';

export function toPublicAuditEvent(row: AuditEventEntity): PublicAuditEvent {
  return {
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    result: row.result,
    message: row.message,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    metadata: parseMetadata(row.metadataJson),
    createdAt: row.createdAt,
  };
}

/** Metadata was redacted before it was stored; a corrupt row shows as `{}` rather than failing the page. */
export function parseMetadata(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
