import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, FixedClock, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs } from './support/http';
import { dbCount, dbQuery } from './support/db';

interface CookieAttrs {
  name: string;
  value: string;
  attrs: Map<string, string | true>;
}

function sessionCookie(res: request.Response): CookieAttrs | undefined {
  const raw = res.headers['set-cookie'] as unknown;
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  for (const line of list) {
    const [pair, ...rest] = line.split(';').map((s) => s.trim());
    const [name, ...v] = (pair ?? '').split('=');
    if (name !== 'opstage_session') continue;
    const attrs = new Map<string, string | true>();
    for (const a of rest) {
      const [k, ...val] = a.split('=');
      attrs.set((k ?? '').toLowerCase(), val.length ? val.join('=') : true);
    }
    return { name, value: v.join('='), attrs };
  }
  return undefined;
}

async function login(server: TestApp['server'], body: object, cookie?: string): Promise<request.Response> {
  const req = request(server).post('/api/admin/auth/login');
  if (cookie) req.set('Cookie', `opstage_session=${cookie}`);
  return req.send(body);
}

async function auditRows(t: TestApp): Promise<Record<string, unknown>[]> {
  return dbQuery(t, 'SELECT * FROM audit_events ORDER BY "createdAt", id');
}

describe('auth (login, sessions, CSRF)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the documented shape and cookie attributes (NODE_ENV=test)', async () => {
    const res = await login(t.server, TEST_ADMIN);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(Object.keys(data).sort()).toEqual(['cookieSecureOverHttp', 'csrfToken', 'expiresAt', 'user']);
    expect(Object.keys(data.user).sort()).toEqual([
      'createdAt',
      'displayName',
      'id',
      'lastLoginAt',
      'role',
      'status',
      'updatedAt',
      'username',
    ]);
    expect(data.user).toMatchObject({ username: 'admin', role: 'owner', status: 'ACTIVE' });
    expect(data.user.lastLoginAt).toEqual(expect.any(String));
    expect(data.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(data.cookieSecureOverHttp).toBe(false);
    const expiresIn = Date.parse(data.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan((t.config.sessionTtlSeconds - 60) * 1000);
    expect(expiresIn).toBeLessThanOrEqual(t.config.sessionTtlSeconds * 1000);
    const cookie = sessionCookie(res);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attrs.get('httponly')).toBe(true);
    expect(cookie?.attrs.get('samesite')).toBe('Lax');
    expect(cookie?.attrs.get('path')).toBe('/');
    expect(cookie?.attrs.get('max-age')).toBe(String(t.config.sessionTtlSeconds));
    expect(cookie?.attrs.has('secure')).toBe(false);
  });

  it('stores only a hash of the session id, no CSRF token, and never returns the password hash', async () => {
    const res = await login(t.server, TEST_ADMIN);
    const raw = sessionCookie(res)?.value ?? '';
    const rows: { idHash: string }[] = await t.app.get(DataSource).query('SELECT * FROM sessions');
    expect(rows.some((r) => r.idHash === raw)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(res.body.data.csrfToken);
    expect(rows.some((r) => r.idHash.length === 64)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
  });

  it('answers 401 UNAUTHORIZED with one message for unknown user and wrong password, and audits both', async () => {
    const wrong = await login(t.server, { username: 'admin', password: 'not-the-password-1' });
    const unknown = await login(t.server, { username: 'nobody-here', password: 'whatever-password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid username or password.' });
      expect(sessionCookie(res)).toBeUndefined();
    }
    const failed = (await auditRows(t)).filter((r) => r.action === 'session.login.failed');
    // The typed name is kept only when it names a real user (docs/security.md).
    expect(failed.map((r) => JSON.parse(String(r.metadataJson)) as unknown)).toEqual(
      expect.arrayContaining([{ userKnown: true, username: 'admin' }, { userKnown: false }]),
    );
    expect(JSON.stringify(failed)).not.toContain('nobody-here');
    expect(
      failed.every(
        (r) =>
          r.actorType === 'USER' &&
          r.actorId === null &&
          r.result === 'FAILURE' &&
          r.message === 'Invalid login attempt',
      ),
    ).toBe(true);
    expect(failed.every((r) => typeof r.ipAddress === 'string')).toBe(true);
    const dump = JSON.stringify(await auditRows(t));
    expect(dump).not.toContain('not-the-password-1');
    expect(dump).not.toContain('whatever-password');
    expect(dump).not.toContain(TEST_ADMIN.password);
  });

  it('rejects malformed login bodies with 422 and the offending paths', async () => {
    const missing = await login(t.server, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (missing.body.error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
    const wrongType = await login(t.server, { username: 1, password: 'x' });
    expect(wrongType.status).toBe(422);
    const extra = await login(t.server, { ...TEST_ADMIN, remember: true });
    expect(extra.status).toBe(422);
    expect(extra.body.error.details.issues[0].path).toBe('remember');
  });

  it('audits a successful login with actor, address and user agent', async () => {
    const res = await request(t.server).post('/api/admin/auth/login').set('User-Agent', 'auth-spec/1').send(TEST_ADMIN);
    const rows = (await auditRows(t)).filter(
      (r) => r.action === 'session.login.succeeded' && r.userAgent === 'auth-spec/1',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: 'USER', actorId: res.body.data.user.id, result: 'SUCCESS' });
    expect(rows[0]?.ipAddress).toEqual(expect.any(String));
  });

  it('me and csrf return the current token; reading it changes nothing (no state change on GET)', async () => {
    const client = await loginAs(t.server);
    const me = await client.get('/api/admin/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.data.csrfToken).toBe(client.csrfToken);
    expect(me.body.data.user.username).toBe('admin');
    const read = await client.get('/api/admin/auth/csrf');
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ csrfToken: client.csrfToken, expiresAt: me.body.data.expiresAt });
    const fresh = await client.post('/api/admin/users', {});
    expect(fresh.status).toBe(422);
    expect((await auditRows(t)).filter((r) => r.action === 'session.csrf.refreshed')).toEqual([]);
  });

  it('requires the session CSRF token on mutations: missing, wrong and foreign tokens are 403', async () => {
    const a = await loginAs(t.server);
    const b = await loginAs(t.server);
    const missing = await a.agent.post('/api/admin/users').send({});
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'CSRF_INVALID', message: 'CSRF token missing or invalid.' });
    const wrong = await a.agent.post('/api/admin/users').set('X-CSRF-Token', 'x'.repeat(43)).send({});
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF_INVALID');
    const foreign = await a.agent.post('/api/admin/users').set('X-CSRF-Token', b.csrfToken).send({});
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('CSRF_INVALID');
    const ok = await a.post('/api/admin/users', {});
    expect(ok.status).toBe(422);
  });

  it('checks authentication before CSRF (401 before 403)', async () => {
    const res = await request(t.server).post('/api/admin/auth/logout').send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    const me = await request(t.server).get('/api/admin/auth/me');
    expect(me.status).toBe(401);
  });

  it('rejects tampered and unknown cookies with 401', async () => {
    const res = await login(t.server, TEST_ADMIN);
    const raw = sessionCookie(res)?.value ?? '';
    const tampered = raw.slice(0, -1) + (raw.endsWith('A') ? 'B' : 'A');
    for (const value of [tampered, 'garbage', `${raw}x`, '']) {
      const me = await request(t.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${value}`);
      expect(me.status).toBe(401);
    }
    const good = await request(t.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${raw}`);
    expect(good.status).toBe(200);
  });

  it('issues a new session id on every login and never adopts a planted one (fixation)', async () => {
    const planted = 'A'.repeat(43);
    const first = await login(t.server, TEST_ADMIN, planted);
    const firstId = sessionCookie(first)?.value;
    expect(firstId).toBeDefined();
    expect(firstId).not.toBe(planted);
    const planted401 = await request(t.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${planted}`);
    expect(planted401.status).toBe(401);
    const second = await login(t.server, TEST_ADMIN, firstId);
    const secondId = sessionCookie(second)?.value;
    expect(secondId).not.toBe(firstId);
    expect(second.body.data.csrfToken).not.toBe(first.body.data.csrfToken);
    // The session the browser presented at login is ended, not kept alongside the new one.
    const old = await request(t.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${firstId}`);
    expect(old.status).toBe(401);
    const current = await request(t.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${secondId}`);
    expect(current.status).toBe(200);
  });

  it('logout ends the current session only, clears the cookie and is audited', async () => {
    const a = await loginAs(t.server);
    const b = await loginAs(t.server);
    const out = await a.post('/api/admin/auth/logout');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true });
    const cleared = sessionCookie(out);
    expect(cleared?.value).toBe('');
    expect(cleared?.attrs.get('path')).toBe('/');
    expect((await a.get('/api/admin/auth/me')).status).toBe(401);
    expect((await b.get('/api/admin/auth/me')).status).toBe(200);
    const rows = (await auditRows(t)).filter((r) => r.action === 'session.logout');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.at(-1)).toMatchObject({ actorType: 'USER', targetType: 'User', result: 'SUCCESS' });
  });

  it('logout without a CSRF token is 403 and keeps the session', async () => {
    const a = await loginAs(t.server);
    const res = await a.agent.post('/api/admin/auth/logout').send({});
    expect(res.status).toBe(403);
    expect((await a.get('/api/admin/auth/me')).status).toBe(200);
  });

  it('never writes a password, session id or CSRF token into the audit log', async () => {
    const res = await login(t.server, TEST_ADMIN);
    const raw = sessionCookie(res)?.value ?? '';
    const dump = JSON.stringify(await auditRows(t));
    expect(dump).not.toContain(TEST_ADMIN.password);
    expect(dump).not.toContain(raw);
    expect(dump).not.toContain(res.body.data.csrfToken);
  });
});

describe('auth: absolute TTL and restart', () => {
  it('expires sessions after OPSTAGE_SESSION_TTL_SECONDS regardless of activity', async () => {
    const clock = new FixedClock(new Date());
    const t = await createTestApp({ clock, env: { OPSTAGE_SESSION_TTL_SECONDS: '600' } });
    try {
      const client = await loginAs(t.server);
      clock.advance(300_000);
      expect((await client.get('/api/admin/auth/me')).status).toBe(200);
      expect((await client.get('/api/admin/auth/csrf')).status).toBe(200);
      clock.advance(300_000);
      expect((await client.get('/api/admin/auth/me')).status).toBe(401);
      expect(await dbCount(t, 'SELECT COUNT(*) AS "n" FROM sessions')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('keeps sessions across a restart (database sessions)', async () => {
    const first = await createTestApp();
    const login1 = await login(first.server, TEST_ADMIN);
    const raw = sessionCookie(login1)?.value ?? '';
    const csrf = login1.body.data.csrfToken as string;
    const second = await first.restart();
    try {
      const me = await request(second.server).get('/api/admin/auth/me').set('Cookie', `opstage_session=${raw}`);
      expect(me.status).toBe(200);
      expect(me.body.data.csrfToken).toBe(csrf);
      const mutation = await request(second.server)
        .post('/api/admin/auth/logout')
        .set('Cookie', `opstage_session=${raw}`)
        .set('X-CSRF-Token', csrf)
        .send({});
      expect(mutation.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('purgeExpired removes only expired sessions (maintenance hook)', async () => {
    const clock = new FixedClock(new Date());
    const t = await createTestApp({ clock, env: { OPSTAGE_SESSION_TTL_SECONDS: '60' } });
    try {
      await loginAs(t.server);
      clock.advance(30_000);
      await loginAs(t.server);
      clock.advance(40_000);
      const { SessionsService } = await import('../src/auth/sessions.service');
      const { RequestContext } = await import('../src/common/context/request-context');
      const purged = await t.app.get(SessionsService).purgeExpired(RequestContext.system(clock).nowIso, 100);
      expect(purged.affected).toBe(1);
      expect(await dbCount(t, 'SELECT COUNT(*) AS "n" FROM sessions')).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('auth: cookie Secure flag per NODE_ENV and OPSTAGE_COOKIE_SECURE', () => {
  const cases: { env: Record<string, string>; secure: boolean }[] = [
    { env: { NODE_ENV: 'production' }, secure: true },
    { env: { NODE_ENV: 'development' }, secure: false },
    { env: { NODE_ENV: 'test' }, secure: false },
    { env: { NODE_ENV: 'staging' }, secure: true },
    { env: { NODE_ENV: 'test', OPSTAGE_COOKIE_SECURE: 'true' }, secure: true },
    { env: { NODE_ENV: 'production', OPSTAGE_COOKIE_SECURE: 'false' }, secure: false },
  ];

  it.each(cases)('$env → Secure=$secure, flagged when served over plain HTTP', async ({ env, secure }) => {
    const t = await createTestApp({ env });
    try {
      const res = await login(t.server, TEST_ADMIN);
      expect(res.status).toBe(200);
      const cookie = sessionCookie(res);
      expect(cookie?.attrs.has('secure')).toBe(secure);
      expect(cookie?.attrs.get('httponly')).toBe(true);
      expect(cookie?.attrs.get('samesite')).toBe('Lax');
      expect(res.body.data.cookieSecureOverHttp).toBe(secure);
      if (secure) {
        // Behind a TLS-terminating proxy the cookie is fine, so no flag.
        const proxied = await request(t.server)
          .post('/api/admin/auth/login')
          .set('X-Forwarded-Proto', 'https')
          .send(TEST_ADMIN);
        expect(proxied.body.data.cookieSecureOverHttp).toBe(false);
      }
    } finally {
      await t.close();
    }
  });
});

describe('auth: login throttling', () => {
  let t: TestApp;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock(new Date());
    t = await createTestApp({ clock });
  });
  afterEach(async () => {
    await t.close();
  });

  it('5 failures for one username from one address → 429 RATE_LIMITED with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await login(t.server, { username: 'admin', password: `wrong-${i}` })).status).toBe(401);
    const blocked = await login(t.server, TEST_ADMIN);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    // Case variants share the budget.
    expect((await login(t.server, { username: 'ADMIN', password: 'x' })).status).toBe(429);
    // Another username from the same address is still allowed.
    expect((await login(t.server, { username: 'someone-else', password: 'x' })).status).toBe(401);
    clock.advance(10 * 60 * 1000);
    const later = await login(t.server, TEST_ADMIN);
    expect(later.status).toBe(429);
    expect(Number(later.headers['retry-after'])).toBe(5 * 60);
    clock.advance(5 * 60 * 1000 + 1);
    expect((await login(t.server, TEST_ADMIN)).status).toBe(200);
  });

  it('a successful login clears the username count', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await login(t.server, { username: 'admin', password: `wrong-${i}` })).status).toBe(401);
    expect((await login(t.server, TEST_ADMIN)).status).toBe(200);
    for (let i = 0; i < 4; i += 1)
      expect((await login(t.server, { username: 'admin', password: `wrong-${i}` })).status).toBe(401);
    expect((await login(t.server, TEST_ADMIN)).status).toBe(200);
  });

  it('20 failures from one address across usernames → 429 for every username', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await login(t.server, { username: `user-${i % 5}`, password: 'wrong-password' })).status).toBe(401);
    }
    const blocked = await login(t.server, TEST_ADMIN);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    clock.advance(15 * 60 * 1000 + 1);
    expect((await login(t.server, TEST_ADMIN)).status).toBe(200);
  });

  it('disabled users get the same 401 as a wrong password', async () => {
    const owner = await loginAs(t.server);
    const created = await owner.post('/api/admin/users', {
      username: 'leaver',
      password: 'leaver-password-1',
      role: 'viewer',
    });
    expect(created.status).toBe(200);
    expect((await owner.patch(`/api/admin/users/${created.body.data.id}`, { status: 'DISABLED' })).status).toBe(200);
    const res = await login(t.server, { username: 'leaver', password: 'leaver-password-1' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Invalid username or password.');
  });
});
