import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService } from './support/seed';

// Bursts, real sockets and a loaded 2-core CI machine: jest's 5 s default is too tight here
// (npm test's run of every project applied the 5 s default, not the e2e project's testTimeout).
jest.setTimeout(60_000);

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Regression tests for the review's "a 500 for a request" findings (docs/security.md). */
describe('security: hostile input gets a clean 4xx', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['gzip', 'deflate', 'br', 'x-bogus'])(
    'Content-Encoding: %s on an uncompressed body is 415 before authentication',
    async (encoding) => {
      for (const path of [
        '/api/admin/auth/login',
        '/api/agents/register',
        '/api/agents/agt_x/heartbeat',
        '/api/admin/users',
      ]) {
        const res = await request(t.server)
          .post(path)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send('{"username":"a","password":"b"}');
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      }
    },
  );

  it('Content-Encoding: identity is accepted', async () => {
    const res = await request(t.server)
      .post('/api/admin/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'identity')
      .send('{"username":"admin","password":"x"}');
    expect(res.status).toBe(401);
  });

  it.each([
    ['/api/admin/auth/login', nested(5000)],
    ['/api/admin/auth/login', nestedObject(5000)],
    ['/api/agents/register', nestedObject(3000)],
    ['/api/admin/users', `{"username":"x","password":"yyyyyyyyyyyy","displayName":${nested(100)}}`],
  ])('JSON nested deeper than 64 on %s is 422', async (path, body) => {
    const res = await request(t.server)
      .post(path)
      .set('Content-Type', 'application/json')
      .set('X-CSRF-Token', admin.csrfToken)
      .send(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('JSON at depth 64 is parsed normally', async () => {
    const res = await request(t.server)
      .post('/api/admin/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":"admin","password":"x","extra":${nested(62)}}`);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.error.details)).toContain('extra');
  });

  it.each([
    { constructor: 'x', username: 'admin', password: 'x' },
    { username: 'admin', password: 'x', constructor: { prototype: { polluted: true } } },
    { username: { constructor: 'x' }, password: 'x' },
    JSON.parse('{"username":"admin","password":"x","__proto__":{"polluted":true}}') as object,
  ])('a constructor/__proto__ key in the login body is a 4xx (%#)', async (body) => {
    const res = await request(t.server).post('/api/admin/auth/login').send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['1e18', '8e307', '9007199254740993', '1e400', '-1e18'])(
    'page=%s on every list is a clean answer',
    async (page) => {
      for (const path of [
        '/api/admin/agents',
        '/api/admin/users',
        '/api/admin/registration-tokens',
        '/api/admin/commands',
        '/api/admin/audit-events',
        '/api/admin/capsule-services',
      ]) {
        for (const q of [`page=${page}`, `pageSize=${page}`, `page=${page}&pageSize=${page}`]) {
          const res = await admin.get(`${path}?${q}`);
          expect({ path, q, ok: res.status === 200 || res.status === 422 }).toEqual({ path, q, ok: true });
        }
      }
    },
  );

  it.each([
    '2021-W01',
    '20210101',
    '2021-001',
    '2021-13-01',
    '2021-02-30',
    '2021-01-01T25:00Z',
    '+275760-09-13',
    'now',
    '1e18',
  ])('from/to=%s on the command and audit lists is 422', async (value) => {
    for (const path of ['/api/admin/commands', '/api/admin/audit-events']) {
      for (const key of ['from', 'to']) {
        const res = await admin.get(`${path}?${key}=${encodeURIComponent(value)}`);
        expect({ path, key, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          key,
          status: 422,
          code: 'VALIDATION_FAILED',
        });
      }
    }
  });

  it.each([
    ['2021-01-01T10:00+01', '2021-01-01T09:00:00.000Z'],
    ['2021-01-01T10:00:00+01:00', '2021-01-01T09:00:00.000Z'],
    ['2021-01-01', '2021-01-01T00:00:00.000Z'],
    ['2021-01-01T10:00:00.5Z', '2021-01-01T10:00:00.500Z'],
  ])('from=%s is read as %s', async (value, iso) => {
    for (const path of ['/api/admin/commands', '/api/admin/audit-events']) {
      const res = await admin.get(`${path}?from=${encodeURIComponent(value)}&to=${encodeURIComponent(iso)}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('files at rest are private: data dir 0700, database, WAL and backups 0600', async () => {
    const base = mkdtempSync(join(tmpdir(), 'opstage-modes-'));
    const own = await createTestApp({ dataDir: join(base, 'data') });
    try {
      await seedAgentWithService(own.app);
      const owner = await loginAs(own.server);
      if (own.config.databaseKind === 'postgres') {
        // No database file and no SQLite backup to protect: the endpoint refuses and writes nothing.
        expect((await owner.post('/api/admin/backup/sqlite')).status).toBe(409);
        expect(existsSync(own.config.backupDir)).toBe(false);
        return;
      }
      expect((await owner.post('/api/admin/backup/sqlite')).status).toBe(200);
      const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);
      expect(mode(own.dataDir)).toBe('700');
      expect(mode(own.config.databasePath)).toBe('600');
      expect(mode(`${own.config.databasePath}-wal`)).toBe('600');
      expect(mode(own.config.backupDir)).toBe('700');
      const backups = readdirSync(own.config.backupDir);
      expect(backups.length).toBe(1);
      for (const f of backups) expect(mode(join(own.config.backupDir, f))).toBe('600');
    } finally {
      await own.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
