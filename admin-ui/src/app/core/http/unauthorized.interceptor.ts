import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { SessionStore } from '../auth/session.store';
import { isApiError } from './api-error';
import { isApiUrl } from './api-error.interceptor';
import { LOGIN_URL } from './csrf.interceptor';
import { SKIP_AUTH_REDIRECT } from './http-context';

/** Any 401 from the API after boot: clear the in-memory session and go to `/login?returnUrl=…`. */
export const unauthorizedInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) {
    return next(req);
  }
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      const isLogin = req.url.split('?')[0] === LOGIN_URL;
      if (isApiError(err, 401) && !isLogin && !req.context.get(SKIP_AUTH_REDIRECT)) {
        session.clear();
        const current = router.url;
        if (!current.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: {
              ...(current && current !== '/' ? { returnUrl: current } : {}),
              expired: 1,
            },
          });
        }
      }
      return throwError(() => err);
    }),
  );
};
