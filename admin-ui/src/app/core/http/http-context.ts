import { HttpContextToken } from '@angular/common/http';

/** Set on requests whose 401 is handled by the caller (boot probe, login check). */
export const SKIP_AUTH_REDIRECT = new HttpContextToken<boolean>(() => false);

/** Marks the single retry after a CSRF refresh so it is never retried twice. */
export const CSRF_RETRIED = new HttpContextToken<boolean>(() => false);
