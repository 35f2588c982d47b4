import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate, UnknownMigrationsError } from '../src/database/migrate';
import { CORE_ENTITIES } from '../src/database/entities';
import { createTestApp } from './support/create-test-app';

describe('migrations and persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opstage-mig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function open(file: string): Promise<DataSource> {
    return new DataSource(dataSourceOptions({ databasePath: join(dir, file) })).initialize();
  }

  it('runs every migration up and back down on a temp file', async () => {
    const ds = await open('updown.db');
    try {
      expect(await migrate(ds)).toEqual(ds.migrations.map((m) => m.name));
      const runner = ds.createQueryRunner();
      for (const entity of CORE_ENTITIES) {
        expect(await runner.hasTable(ds.getMetadata(entity).tableName)).toBe(true);
      }
      expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      for (let i = 0; i < ds.migrations.length; i += 1) await ds.undoLastMigration();
      for (const entity of CORE_ENTITIES) {
        expect(await runner.hasTable(ds.getMetadata(entity).tableName)).toBe(false);
      }
      await runner.release();
      expect(await migrate(ds)).toHaveLength(ds.migrations.length);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a database that has migrations this build does not know', async () => {
    const ds = await open('newer.db');
    try {
      await migrate(ds);
      await ds.query('INSERT INTO migrations ("timestamp", "name") VALUES (?, ?)', [
        9999999999999,
        'FromTheFuture9999999999999',
      ]);
      await expect(migrate(ds)).rejects.toThrow(UnknownMigrationsError);
      await expect(migrate(ds)).rejects.toThrow(/newer than this Opstage CE build.*FromTheFuture/);
    } finally {
      await ds.destroy();
    }
  });

  it('keeps data across a restart on the same data dir, and bootstraps the owner only once', async () => {
    const first = await createTestApp({ dataDir: dir });
    const ds = first.app.get(DataSource);
    const [owner] = await ds.query('SELECT id, "passwordHash" FROM users');
    expect(owner.id).toMatch(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/);
    const boot = await ds.query(`SELECT * FROM audit_events WHERE action = 'system.bootstrap.completed'`);
    expect(boot).toHaveLength(1);
    await first.close();

    const second = await createTestApp({ dataDir: dir, env: { OPSTAGE_ADMIN_PASSWORD: 'another-password-999' } });
    try {
      const ds2 = second.app.get(DataSource);
      expect(await ds2.query('SELECT id, "passwordHash" FROM users')).toEqual([owner]);
      expect(await ds2.query(`SELECT id FROM audit_events WHERE action = 'system.bootstrap.completed'`)).toHaveLength(
        1,
      );
      expect(await ds2.query('SELECT id FROM workspaces')).toEqual([{ id: 'wks_default' }]);
      await request(second.server).get('/api/system/health').expect(200);
    } finally {
      await second.close();
    }
  });

  it('fails the first start with the reference message when no admin variables are set', async () => {
    await expect(
      createTestApp({ dataDir: dir, env: { OPSTAGE_ADMIN_USERNAME: '', OPSTAGE_ADMIN_PASSWORD: '' } }),
    ).rejects.toThrow();
    await expect(
      createTestApp({
        dataDir: join(dir, 'other'),
        env: {
          OPSTAGE_ADMIN_PASSWORD: undefined as unknown as string,
          OPSTAGE_ADMIN_USERNAME: undefined as unknown as string,
        },
      }),
    ).rejects.toThrow(
      'No admin user exists. Set OPSTAGE_ADMIN_USERNAME and OPSTAGE_ADMIN_PASSWORD for first bootstrap.',
    );
  });
});
