/** Registration tokens: `/api/admin/registration-tokens`. */

export type RegistrationTokenStatus = 'ACTIVE' | 'USED' | 'REVOKED' | 'EXPIRED';

/** Never the hash, never the raw value (that is in the create answer only). */
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

/** `POST /api/admin/registration-tokens`: the raw token, shown once. */
export interface CreatedRegistrationTokenResponse extends RegistrationTokenResponse {
  token: string;
  rawToken: string;
}
