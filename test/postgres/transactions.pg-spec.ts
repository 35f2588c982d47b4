import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { adminUrl, databaseUrl } from '../support/postgres/test-database';

/**
 * The TransactionRunner on PostgreSQL: transactions run side by side on pooled connections (no
 * SQLite queue), and the one PostgreSQL picks as a deadlock victim (40P01) runs once more.
 */
describe('TransactionRunner on PostgreSQL', () => {
  const name = `opstage_tx_${process.pid}_${Date.now()}`;
  let ds: DataSource;
  let sut: TransactionRunner;

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    ds = await new DataSource({ type: 'postgres', url: databaseUrl(name), extra: { max: 4 } }).initialize();
    await ds.query(`CREATE TABLE "rows" ("id" text PRIMARY KEY, "n" integer NOT NULL)`);
    await ds.query(`INSERT INTO "rows" VALUES ('a', 0), ('b', 0)`);
    sut = new TransactionRunner(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('retries the deadlock victim once; both transactions commit', async () => {
    let attempts = 0;
    let bothHoldFirstLock: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      let count = 0;
      bothHoldFirstLock = () => {
        count += 1;
        if (count === 2) resolve();
      };
    });
    // Opposite lock order: each takes one row, waits until the other holds its row, then wants it.
    const crossing = (first: string, second: string): Promise<void> =>
      sut.run(async (em) => {
        attempts += 1;
        await em.query(`UPDATE "rows" SET "n" = "n" + 1 WHERE "id" = $1`, [first]);
        if (attempts <= 2) {
          bothHoldFirstLock();
          await holding;
        }
        await em.query(`UPDATE "rows" SET "n" = "n" + 1 WHERE "id" = $1`, [second]);
      });
    await Promise.all([crossing('a', 'b'), crossing('b', 'a')]);
    expect(attempts).toBe(3);
    expect(await ds.query(`SELECT "id", "n" FROM "rows" ORDER BY "id"`)).toEqual([
      { id: 'a', n: 2 },
      { id: 'b', n: 2 },
    ]);
  });
});
