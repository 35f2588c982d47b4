import type { RegistrationTokenEntity } from './registration-token.entity';
import type { RegistrationTokenResponse, RegistrationTokenStatus } from '../contracts';

export function displayStatus(
  row: Pick<RegistrationTokenEntity, 'status' | 'expiresAt'>,
  nowIso: string,
): RegistrationTokenStatus {
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
