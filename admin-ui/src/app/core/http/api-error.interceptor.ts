import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { apiErrorFromBody, readErrorBody } from './api-error';

/** Innermost interceptor: turns every failed `/api` call into an ApiError (envelope code, message, details). */
export const apiErrorInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) {
    return next(req);
  }
  return next(req).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse)) {
        return throwError(() => err);
      }
      return from(readErrorBody(err)).pipe(
        switchMap((body) => throwError(() => apiErrorFromBody(err.status, body, err.message))),
      );
    }),
  );
};

export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('api/');
}

export function isAdminUrl(url: string): boolean {
  return url.startsWith('/api/admin/');
}
