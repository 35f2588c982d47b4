import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction';
import { ScheduledSlotEntity } from './scheduled-slot.entity';

/**
 * Inserts the slot unless it is taken: `RETURNING` yields a row only for the one insert that
 * landed. The same text on SQLite (3.35+) and PostgreSQL.
 */
const CLAIM_SQL = `INSERT INTO "scheduled_slots" ("job", "slotStart", "replicaId", "claimedAt")
  VALUES (:job, :slotStart, :replicaId, :claimedAt)
  ON CONFLICT ("job", "slotStart") DO NOTHING
  RETURNING "job"`;

/** Namespace of the job locks among PostgreSQL advisory locks (two-key form: namespace, hash of the job name). */
const JOB_LOCK_NAMESPACE = 0x4f50;

/** Every query on `scheduled_slots`, and the per-job run lock (a PostgreSQL session advisory lock). */
@Injectable()
export class ScheduledSlotsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True for exactly one caller per (job, slot), whichever replica it runs on. */
  async claim(job: string, slotStart: string, replicaId: string, claimedAt: string, em: Tx): Promise<boolean> {
    const [text, values] = em.connection.driver.escapeQueryWithParameters(
      CLAIM_SQL,
      { job, slotStart, replicaId, claimedAt },
      {},
    );
    const rows: unknown = await em.query(text, values);
    return Array.isArray(rows) && rows.length === 1;
  }

  /** Who ran a slot, for the skip log and tests; null when nobody claimed it. */
  async claimedBy(job: string, slotStart: string): Promise<string | null> {
    const row = await this.dataSource.manager.findOneBy(ScheduledSlotEntity, { job, slotStart });
    return row?.replicaId ?? null;
  }

  /** Slots of `job` that started before `cutoff`: history nobody reads once the interval is long past. */
  async pruneBefore(job: string, cutoff: string, em: Tx): Promise<number> {
    const res = await em
      .createQueryBuilder()
      .delete()
      .from(ScheduledSlotEntity)
      .where('"job" = :job AND "slotStart" < :cutoff', { job, cutoff })
      .execute();
    return res.affected ?? 0;
  }

  /**
   * Runs `work` holding the job's run lock, or returns `undefined` without running it when another
   * replica holds it (its run of an earlier slot is still going). On PostgreSQL this is a session
   * advisory lock on a connection held for the run, so it is released when the run ends or when
   * the replica dies with it. SQLite serves one process, whose own in-flight guard suffices.
   */
  async withJobLock<T>(job: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.dataSource.options.type !== 'postgres') return { ran: true, value: await work() };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const rows = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS "locked"', [
        JOB_LOCK_NAMESPACE,
        job,
      ])) as { locked: boolean }[];
      if (rows[0]?.locked !== true) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_NAMESPACE, job]);
      }
    } finally {
      await runner.release();
    }
  }
}
