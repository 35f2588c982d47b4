/** The audit log: `/api/admin/audit-events`. */

export type AuditActorType = 'USER' | 'AGENT' | 'SYSTEM' | 'API_TOKEN';
export type AuditResult = 'SUCCESS' | 'FAILURE';

export interface PublicAuditEvent {
  id: string;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  message: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** Redacted before it was stored; a corrupt row shows as `{}`. */
  metadata: Record<string, unknown>;
  createdAt: string;
}
