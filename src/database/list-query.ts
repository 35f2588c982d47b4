import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Totals above this are cached briefly; anything at or below it is counted on every request. */
export const LARGE_TOTAL_THRESHOLD = 100_000;
/** How long a large total may be reused before it is counted again. */
export const LARGE_TOTAL_TTL_MS = 5_000;
/** Upper bound on cached (query, filter) keys per database; date-range filters make many keys. */
const MAX_CACHED_TOTALS = 256;

interface CachedTotal {
  total: number;
  expiresAt: number;
}

/** Keyed by DataSource so two apps in one process (tests) never share totals. */
const cachedTotals = new WeakMap<DataSource, Map<string, CachedTotal>>();

/**
 * One list page plus its `pagination.total`, replacing `getManyAndCount()`.
 *
 * `getManyAndCount()` counts with `COUNT(DISTINCT id)`, which SQLite answers by building a
 * temporary b-tree of every matching id (196 ms at 1M audit rows). Here the page is fetched on
 * its own and the total with a plain `COUNT(*)` that a covering index can answer. A short last
 * page needs no count at all (offset + rows is exact). `qb` must carry the filter and ORDER BY
 * but no paging.
 */
export async function findPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  offset: number,
  limit: number,
): Promise<[T[], number]> {
  const rows = await qb.clone().skip(offset).take(limit).getMany();
  if (rows.length > 0 && rows.length < limit) return [rows, offset + rows.length];
  if (rows.length === 0 && offset === 0) return [rows, 0];
  return [rows, await countRows(qb)];
}

/**
 * `COUNT(*)` of what `qb` selects (joins must not multiply rows: many-to-one only).
 *
 * Exact for every total up to LARGE_TOTAL_THRESHOLD. Above it, counting costs tens of
 * milliseconds per million rows on every page view, so the total of that exact (SQL, parameters)
 * pair is reused for LARGE_TOTAL_TTL_MS: at most one count per filter every few seconds, and a
 * large total lags by at most that long. Totals that drop to the threshold or below are exact again
 * on the next count.
 */
export async function countRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<number> {
  const countQb = qb.clone().orderBy().select('COUNT(*)', 'total');
  const [sql, parameters] = countQb.getQueryAndParameters();
  const key = `${sql}\u0000${JSON.stringify(parameters)}`;
  const cache = cacheFor(qb.connection);
  // A monotonic timer, not the app Clock: this is a cost bound, not business time.
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.total;
  const raw = await countQb.getRawOne<{ total: number | string | null }>();
  const total = Number(raw?.total ?? 0);
  cache.delete(key);
  if (total > LARGE_TOTAL_THRESHOLD) {
    if (cache.size >= MAX_CACHED_TOTALS) evict(cache, now);
    cache.set(key, { total, expiresAt: now + LARGE_TOTAL_TTL_MS });
  }
  return total;
}

function cacheFor(dataSource: DataSource): Map<string, CachedTotal> {
  let cache = cachedTotals.get(dataSource);
  if (!cache) {
    cache = new Map();
    cachedTotals.set(dataSource, cache);
  }
  return cache;
}

/** Drops expired entries, then the oldest ones (Map keeps insertion order) until there is room. */
function evict(cache: Map<string, CachedTotal>, now: number): void {
  for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
  for (const key of cache.keys()) {
    if (cache.size < MAX_CACHED_TOTALS) break;
    cache.delete(key);
  }
}
