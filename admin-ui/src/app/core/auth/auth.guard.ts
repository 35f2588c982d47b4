import { inject } from '@angular/core';
import { CanMatchFn, Router, UrlSegment } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { SessionStore } from './session.store';
import type { Role } from '@opstage/contracts';

function loginTree(router: Router, segments: UrlSegment[]) {
  const path = '/' + segments.map((s) => s.path).join('/');
  const nav = router.currentNavigation();
  const target = nav?.extractedUrl ? router.serializeUrl(nav.extractedUrl) : path;
  return router.createUrlTree(['/login'], {
    queryParams: target && target !== '/' ? { returnUrl: target } : {},
  });
}

/** Shell routes: a session must exist (probed once via `/auth/me`). */
export const authGuard: CanMatchFn = (_route, segments) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (session.authenticated()) {
    return true;
  }
  return session.probe().pipe(
    map(() => true),
    catchError(() => of(loginTree(router, segments))),
  );
};

/** Feature routes limited to a minimum role (e.g. Users for owners). */
export function roleGuard(min: Role): CanMatchFn {
  return () => {
    const session = inject(SessionStore);
    return session.hasRole(min) ? true : inject(Router).createUrlTree(['/']);
  };
}
