/** API tokens for scripts and CI: `/api/admin/api-tokens` (docs/api-tokens-and-cli.md). */
import type { Role } from './users';

/** Roles a token may carry: never `owner`. */
export type ApiTokenRole = Exclude<Role, 'owner'>;

/** As shown: an ACTIVE row past `expiresAt` reads EXPIRED. */
export type ApiTokenStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

/** A token acts for one user (and never above that user's current role) or for a named service account. */
export type ApiTokenSubjectType = 'USER' | 'SERVICE_ACCOUNT';

/** One manifest label the token's services must carry (all pairs must match). */
export interface ApiTokenLabel {
  key: string;
  value: string;
}

/** Never the hash, never the raw value (that is in the create answer only). */
export interface ApiTokenResponse {
  id: string;
  name: string;
  role: ApiTokenRole;
  subjectType: ApiTokenSubjectType;
  userId: string | null;
  serviceAccount: string | null;
  /** `null`: every service; otherwise only services whose manifest labels match all pairs. */
  scope: ApiTokenLabel[] | null;
  status: ApiTokenStatus;
  /** The last characters of the secret, to tell tokens apart. */
  hint: string;
  expiresAt: string;
  /** Written behind (at most once a minute per token), so it may lag by that much. */
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdByUserId: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/admin/api-tokens`: the raw token, shown once. */
export interface CreatedApiTokenResponse extends ApiTokenResponse {
  token: string;
}
