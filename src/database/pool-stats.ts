import type { DataSource } from 'typeorm';
import type { DatabasePoolStats } from '../contracts';

/** The counters node-postgres keeps on its pool (the same names as `pg.Pool`). */
interface PgPoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function isPgPool(value: unknown): value is PgPoolCounters {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.totalCount === 'number' && typeof v.idleCount === 'number' && typeof v.waitingCount === 'number';
}

/**
 * Use of this replica's PostgreSQL pool, read from TypeORM's postgres driver (it keeps the `pg.Pool` as `master`);
 * null on SQLite, which has one connection and no pool. `waiting` above zero for long means the pool is too small
 * for the load (docs/scaling.md, "Settings").
 */
export function poolStats(dataSource: DataSource, size: number): DatabasePoolStats | null {
  if (dataSource.options.type !== 'postgres') return null;
  const pool: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
  if (!isPgPool(pool)) return null;
  return {
    size,
    open: pool.totalCount,
    inUse: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}
