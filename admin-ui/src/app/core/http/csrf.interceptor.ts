import { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { SessionStore } from '../auth/session.store';
import { isApiError } from './api-error';
import { isAdminUrl } from './api-error.interceptor';
import { CSRF_RETRIED } from './http-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const LOGIN_URL = '/api/admin/auth/login';

/**
 * Sends `X-CSRF-Token` on every mutating `/api/admin/*` call (except login). On 403 `CSRF_INVALID`
 * it refreshes the token once via `GET /auth/csrf` (shared between concurrent callers) and retries once.
 */
export const csrfInterceptor: HttpInterceptorFn = (req, next) => {
  if (!needsCsrf(req)) {
    return next(req);
  }
  const session = inject(SessionStore);
  const withToken = (r: HttpRequest<unknown>, token: string | null) =>
    token ? r.clone({ setHeaders: { 'X-CSRF-Token': token } }) : r;

  return next(withToken(req, session.csrfToken())).pipe(
    catchError((err: unknown) => {
      if (!isApiError(err, 403, 'CSRF_INVALID') || req.context.get(CSRF_RETRIED)) {
        return throwError(() => err);
      }
      return session.refreshCsrf().pipe(
        switchMap((token) => {
          const retry = withToken(req, token);
          retry.context.set(CSRF_RETRIED, true);
          return next(retry);
        }),
      );
    }),
  );
};

function needsCsrf(req: HttpRequest<unknown>): boolean {
  const path = req.url.split('?')[0] ?? req.url;
  return !SAFE_METHODS.has(req.method.toUpperCase()) && isAdminUrl(req.url) && path !== LOGIN_URL;
}
