import { ActivatedRoute, ParamMap, Router } from '@angular/router';
import { Query } from '../../api/view-types';

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZE_OPTIONS = [20, 50, 100];

/** Reads a fixed set of filter keys (plus page/pageSize) from the URL query. */
export type Filters = Partial<Record<string, string>>;

export function readQuery(map: ParamMap, keys: readonly string[]): Filters {
  const out: Filters = {};
  for (const key of keys) {
    const value = map.get(key);
    if (value !== null && value !== '') {
      out[key] = value;
    }
  }
  return out;
}

export function readPaging(map: ParamMap): { page: number; pageSize: number } {
  const page = Math.max(1, Math.floor(Number(map.get('page') ?? 1)) || 1);
  const size = Math.floor(Number(map.get('pageSize') ?? DEFAULT_PAGE_SIZE)) || DEFAULT_PAGE_SIZE;
  return { page, pageSize: Math.min(100, Math.max(1, size)) };
}

/** Mirrors filters into the URL (shareable links). Empty values are removed; `page` resets unless given. */
export function writeQuery(
  router: Router,
  route: ActivatedRoute,
  values: Query,
  resetPage = true,
): void {
  const queryParams: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    queryParams[key] = value === undefined || value === null || value === '' ? null : String(value);
  }
  if (resetPage && !('page' in values)) {
    queryParams['page'] = null;
  }
  void router.navigate([], { relativeTo: route, queryParams, queryParamsHandling: 'merge' });
}

/** Replaces the whole query (Reset buttons). */
export function clearQuery(router: Router, route: ActivatedRoute, keep: Query = {}): void {
  const queryParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(keep)) {
    if (value !== undefined && value !== null && value !== '') {
      queryParams[key] = String(value);
    }
  }
  void router.navigate([], { relativeTo: route, queryParams });
}
