/** Users and sessions: `/api/admin/users`, `/api/auth/*`. */

export type Role = 'viewer' | 'operator' | 'owner';
export type UserStatus = 'ACTIVE' | 'DISABLED';

/** The only user shape that leaves the server; the password hash is never mapped. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/auth/me`. */
export interface SessionView {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

/** `POST /api/auth/login`. */
export interface LoginResponse extends SessionView {
  /**
   * True when the cookie was marked Secure but the request came over plain HTTP: the browser
   * will drop it, and the console explains why instead of spinning (docs/troubleshooting.md).
   */
  cookieSecureOverHttp: boolean;
}

/** `GET /api/auth/csrf`. */
export interface CsrfResponse {
  csrfToken: string;
  expiresAt: string;
}
