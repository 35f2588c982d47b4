import type { ApiTokenEntity } from './api-token.entity';
import type { ApiTokenLabel, ApiTokenResponse, ApiTokenStatus } from '../contracts';

export function displayStatus(row: Pick<ApiTokenEntity, 'status' | 'expiresAt'>, nowIso: string): ApiTokenStatus {
  if (row.status === 'ACTIVE' && row.expiresAt <= nowIso) return 'EXPIRED';
  return row.status;
}

/** The stored scope; a corrupt value reads as "no service at all" rather than "every service". */
export function scopeOf(row: Pick<ApiTokenEntity, 'scopeJson'>): ApiTokenLabel[] | null {
  if (row.scopeJson === null) return null;
  try {
    const parsed: unknown = JSON.parse(row.scopeJson);
    if (!Array.isArray(parsed)) return [{ key: '', value: '' }];
    return (parsed as unknown[]).filter(isLabel);
  } catch {
    return [{ key: '', value: '' }];
  }
}

export function toApiTokenResponse(row: ApiTokenEntity, nowIso: string): ApiTokenResponse {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    subjectType: row.subjectType,
    userId: row.userId,
    serviceAccount: row.serviceAccount,
    scope: scopeOf(row),
    status: displayStatus(row, nowIso),
    hint: row.hint,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    createdByUserId: row.createdByUserId,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function isLabel(value: unknown): value is ApiTokenLabel {
  if (typeof value !== 'object' || value === null) return false;
  const { key, value: v } = value as Record<string, unknown>;
  return typeof key === 'string' && typeof v === 'string';
}
