import { Injectable } from '@nestjs/common';
import { LoginThrottleEntity } from './login-throttle.entity';
import type { Tx } from '../database/transaction';

/**
 * Takes one attempt from a budget, atomically: a new key starts a window with count 1; an
 * expired window restarts; a live one counts up only while below `limit`. `RETURNING` yields a
 * row exactly when the attempt was granted. Plain `INSERT … ON CONFLICT … DO UPDATE … WHERE`,
 * the same text on SQLite and PostgreSQL.
 */
const TAKE_SQL = `INSERT INTO "login_throttle" ("key", "windowStart", "count") VALUES (:key, :now, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "login_throttle"."windowStart" <= :cutoff THEN 1 ELSE "login_throttle"."count" + 1 END,
    "windowStart" = CASE WHEN "login_throttle"."windowStart" <= :cutoff THEN :now ELSE "login_throttle"."windowStart" END
  WHERE "login_throttle"."windowStart" <= :cutoff OR "login_throttle"."count" < :limit
  RETURNING "count"`;

@Injectable()
export class LoginThrottleRepository {
  /** True when the attempt was granted; `cutoff` is now minus the window. */
  async take(key: string, limit: number, nowIso: string, cutoffIso: string, em: Tx): Promise<boolean> {
    const rows = await this.query(em, TAKE_SQL, { key, now: nowIso, cutoff: cutoffIso, limit });
    return Array.isArray(rows) && rows.length === 1;
  }

  async windowStart(key: string, em: Tx): Promise<string | null> {
    const rows = await this.query(em, 'SELECT "windowStart" FROM "login_throttle" WHERE "key" = :key', { key });
    const first = Array.isArray(rows) ? (rows[0] as { windowStart?: string } | undefined) : undefined;
    return first?.windowStart ?? null;
  }

  async clear(key: string, em: Tx): Promise<void> {
    await this.query(em, 'DELETE FROM "login_throttle" WHERE "key" = :key', { key });
  }

  /** Gives one attempt back (a success does not count against the address budget). */
  async refund(key: string, em: Tx): Promise<void> {
    await this.query(em, 'UPDATE "login_throttle" SET "count" = "count" - 1 WHERE "key" = :key AND "count" > 0', {
      key,
    });
  }

  /** Sweep step: windows that opened before `cutoff` have ended and count nothing. */
  async pruneEnded(cutoffIso: string, em: Tx): Promise<number> {
    const res = await em
      .createQueryBuilder()
      .delete()
      .from(LoginThrottleEntity)
      .where('"windowStart" <= :cutoff', { cutoff: cutoffIso })
      .execute();
    return res.affected ?? 0;
  }

  /** Named parameters in the driver's own placeholder style (`?` on SQLite, `$n` on PostgreSQL). */
  private query(em: Tx, sql: string, params: Record<string, unknown>): Promise<unknown> {
    const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params, {});
    return em.query(text, values);
  }
}
