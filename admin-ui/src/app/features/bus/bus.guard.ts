import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { FeaturesStore } from '../../core/layout/features.store';

/** `/bus` exists only when the backend has the Capsule Bus enabled. */
export const busGuard: CanMatchFn = () => {
  const router = inject(Router);
  return inject(FeaturesStore)
    .probeBus()
    .pipe(map((enabled) => (enabled ? true : router.createUrlTree(['/']))));
};
