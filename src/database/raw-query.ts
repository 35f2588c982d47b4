import type { EntityManager } from 'typeorm';

/**
 * Runs hand-written SQL with named parameters (`:name`, `:...list`) in the driver's own placeholder
 * style (`?` on SQLite, `$n` on PostgreSQL), so one SQL text serves both dialects.
 */
export function rawQuery(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<unknown> {
  const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params, {});
  return em.query(text, values);
}
