import type { RegistrationTokenEntity, RegistrationTokenStatus } from './registration-token.entity';

/** PublicRegistrationToken: never the hash, never the raw value (that is in the create response only). */
export interface RegistrationTokenResponse {
  id: string;
  name: string;
  /** As shown: an ACTIVE row past `expiresAt` reads EXPIRED before the sweep marks it. */
  status: RegistrationTokenStatus;
  agentCode: string | null;
  agentId: string | null;
  createdByUserId: string | null;
  expiresAt: string | null;
  usedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatedRegistrationTokenResponse extends RegistrationTokenResponse {
  token: string;
  rawToken: string;
}

export function displayStatus(row: Pick<RegistrationTokenEntity, 'status' | 'expiresAt'>, nowIso: string): RegistrationTokenStatus {
  if (row.status === 'ACTIVE' && row.expiresAt !== null && row.expiresAt < nowIso) return 'EXPIRED';
  return row.status;
}

export function toRegistrationTokenResponse(row: RegistrationTokenEntity, nowIso: string): RegistrationTokenResponse {
  return {
    id: row.id,
    name: row.name,
    status: displayStatus(row, nowIso),
    agentCode: row.agentCode,
    agentId: row.agentId,
    createdByUserId: row.createdByUserId,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
