import { existsSync, rmSync, statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { WAL_CHECKPOINT_INTERVAL_MS, WAL_TRUNCATE_ABOVE_BYTES } from '../src/database/wal-checkpointer';
import { createTestApp, type TestApp } from './support/create-test-app';
import { sleep, waitFor } from './support/wait';

// Bursts, real sockets and a loaded 2-core CI machine: jest's 5 s default is too tight here
// (npm test's run of every project applied the 5 s default, not the e2e project's testTimeout).
jest.setTimeout(60_000);

/** 4,000 audit rows in one statement: a few hundred WAL pages. */
const BULK_INSERT = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
  INSERT INTO "audit_events" ("id", "workspaceId", "actorType", "actorId", "action", "targetType", "targetId", "result", "message",
    "ipAddress", "userAgent", "metadataJson", "createdAt")
  SELECT ? || printf('%08d', i), 'wks_default', 'SYSTEM', NULL, 'test.bulk', NULL, NULL, 'SUCCESS', NULL, NULL, NULL, '{}', '2026-01-01T00:00:00.000Z' FROM n`;

/** Checkpoints run on a worker thread, not inside a request's commit; the log still ends clean. */
describe('WAL checkpointer', () => {
  it('turns off in-commit checkpoints, keeps the log bounded from its own thread, and leaves no log after shutdown', async () => {
    let t: TestApp = await createTestApp();
    const dataDir = t.dataDir;
    const dbPath = t.config.databasePath;
    try {
      const ds = t.app.get(DataSource);
      const walPath = `${t.config.databasePath}-wal`;
      expect(await ds.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);

      await ds.query(BULK_INSERT, ['aud_bulk_a_']);
      const afterFirst = statSync(walPath).size;
      expect(afterFirst).toBeGreaterThan(100 * 1024);
      // With no checkpoint at all the log would now double; once the worker has copied it into the
      // database, the next write starts the log over from the beginning instead.
      await sleep(WAL_CHECKPOINT_INTERVAL_MS * 2.5);
      await ds.query(BULK_INSERT, ['aud_bulk_b_']);
      expect(statSync(walPath).size).toBeLessThan(afterFirst * 1.5);
      expect(await ds.query(`SELECT COUNT(*) AS n FROM "audit_events" WHERE "action" = 'test.bulk'`)).toEqual([
        { n: 8000 },
      ]);

      t = await t.restart();
      // The restart closed the checkpointer's connection first, so the app's close removed the log;
      // the new app has opened a fresh one and sees every row.
      expect(
        await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM "audit_events" WHERE "action" = 'test.bulk'`),
      ).toEqual([{ n: 8000 }]);
      await t.close();
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives the space back after a burst: a TRUNCATE checkpoint once writing calms down', async () => {
    const t = await createTestApp();
    try {
      const ds = t.app.get(DataSource);
      const walPath = `${t.config.databasePath}-wal`;
      const size = (p: string): number => (existsSync(p) ? statSync(p).size : 0);
      const before = size(t.config.databasePath) + size(walPath);
      // About 8 MB in one go: each row carries 2 KB of metadata.
      await ds.query(BULK_INSERT.replace("'{}'", 'hex(randomblob(1000))'), ['aud_burst_']);
      expect(size(walPath)).toBeGreaterThan(WAL_TRUNCATE_ABOVE_BYTES);
      const settled = await waitFor(
        () => (size(walPath) <= 64 * 1024 ? size(walPath) : false),
        15_000,
        'WAL truncated after the burst',
      );
      expect(settled).toBeLessThanOrEqual(64 * 1024);
      // The rows are in the database file now; nothing is left in the log.
      expect(await ds.query(`SELECT COUNT(*) AS n FROM "audit_events" WHERE "action" = 'test.bulk'`)).toEqual([
        { n: 4000 },
      ]);
      expect(size(t.config.databasePath)).toBeGreaterThan(before);
    } finally {
      await t.close();
    }
  });
});
