import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { SecretSealer } from '../src/common/crypto/secret-sealer';
import { createTestApp, FixedClock, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { loginWithRole, Seeder } from './support/maintenance-seed';

const NOW = '2026-03-01T12:00:00.000Z';

/** supertest buffers binary bodies only when told how. */
async function backup(client: AdminClient): Promise<Response> {
  return client
    .post('/api/admin/backup/sqlite')
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe('POST /api/admin/backup/sqlite', () => {
  let t: TestApp;
  let owner: AdminClient;
  const clock = new FixedClock(NOW);

  beforeEach(async () => {
    clock.set(NOW);
    t = await createTestApp({ clock, env: { OPSTAGE_BACKUP_KEEP: '2' } });
    owner = await loginAs(t.server);
  });
  afterEach(() => t.close());

  it('streams a consistent SQLite copy with the data, keeps it in the backup dir and audits it', async () => {
    const res = await backup(owner);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment; filename="opstage-2026-03-01T12-00-00-000Z.db"');
    const body = res.body as Buffer;
    expect(body.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');

    const onDisk = join(t.config.backupDir, 'opstage-2026-03-01T12-00-00-000Z.db');
    expect(existsSync(onDisk)).toBe(true);
    expect(readFileSync(onDisk).equals(body)).toBe(true);
    expect(readdirSync(t.config.backupDir).some((f) => f.endsWith('.partial'))).toBe(false);

    // The downloaded bytes open as a database with the owner in it and a clean integrity check.
    const copy = join(t.dataDir, 'downloaded.db');
    writeFileSync(copy, body);
    const db = new Database(copy, { readonly: true });
    try {
      const users = db.prepare('SELECT username, role FROM users').all() as { username: string; role: string }[];
      expect(users).toEqual([{ username: TEST_ADMIN.username, role: 'owner' }]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const migrations = db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number };
      expect(migrations.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    const audit = (await new Seeder(t.app, NOW).rows(AuditEventEntity)).find(
      (a) => a.action === 'backup.sqlite.created',
    );
    expect(audit).toMatchObject({
      actorType: 'USER',
      targetType: 'Backup',
      targetId: 'opstage-2026-03-01T12-00-00-000Z.db',
    });
  });

  it('holds no sealed secret in clear: only the ciphertext column is in the file', async () => {
    const seed = new Seeder(t.app, NOW);
    const plaintext = 'hunter2-plaintext-password-value';
    const sealed = t.app.get(SecretSealer).seal({ password: plaintext });
    const agent = await seed.agent('ONLINE', NOW);
    const svc = await seed.service(agent);
    await seed.command({
      agentId: agent,
      serviceId: svc,
      status: 'PENDING',
      payloadJson: JSON.stringify({ password: '[REDACTED]' }),
      sealedPayload: sealed,
    });
    const res = await backup(owner);
    const body = res.body as Buffer;
    expect(body.includes(Buffer.from(plaintext))).toBe(false);
    expect(body.includes(Buffer.from(sealed))).toBe(true);
  });

  it('rotation keeps the newest OPSTAGE_BACKUP_KEEP files and never touches other files', async () => {
    mkdirSync(t.config.backupDir, { recursive: true });
    writeFileSync(join(t.config.backupDir, 'notes.txt'), 'operator notes');
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await backup(owner);
      expect(res.status).toBe(200);
      names.push(/filename="([^"]+)"/.exec(res.headers['content-disposition'] as string)?.[1] ?? '');
      clock.advance(1000);
    }
    // Two in the same millisecond would collide; the clock moves, so names are distinct.
    expect(new Set(names).size).toBe(4);
    const left = readdirSync(t.config.backupDir).sort();
    expect(left).toEqual(['notes.txt', ...names.slice(2)].sort());
  });

  it('two backups in the same millisecond get distinct names, and the newer one survives rotation', async () => {
    const first = await backup(owner);
    const second = await backup(owner);
    const third = await backup(owner);
    const names = [first, second, third].map(
      (r) => /filename="([^"]+)"/.exec(r.headers['content-disposition'] as string)?.[1],
    );
    expect(names).toEqual([
      'opstage-2026-03-01T12-00-00-000Z.db',
      'opstage-2026-03-01T12-00-00-000Z-1.db',
      'opstage-2026-03-01T12-00-00-000Z-2.db',
    ]);
    expect(readdirSync(t.config.backupDir).sort()).toEqual([
      'opstage-2026-03-01T12-00-00-000Z-1.db',
      'opstage-2026-03-01T12-00-00-000Z-2.db',
    ]);
  });

  it('is owner only and needs the CSRF token', async () => {
    const operator = await loginWithRole(t.server, owner, 'operator');
    expect((await backup(operator)).status).toBe(403);
    const noCsrf = await owner.agent.post('/api/admin/backup/sqlite');
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_INVALID');
    expect(existsSync(t.config.backupDir) ? readdirSync(t.config.backupDir) : []).toEqual([]);
  });
});
