import request from 'supertest';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../src/common/crypto/password-hasher';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';

// Bursts, real sockets and a loaded 2-core CI machine: jest's 5 s default is too tight here
// (npm test's run of every project applied the 5 s default, not the e2e project's testTimeout).
jest.setTimeout(60_000);

/**
 * Regression tests for the outside review's login findings (docs/security.md): throttling under
 * concurrency, failed-login audit rows, CSRF on GET, look-alike usernames. Each test uses its own
 * client address (X-Forwarded-For behind `OPSTAGE_TRUST_PROXY=true`) so the throttle of one test
 * cannot refuse the logins of another.
 */
describe('security: login', () => {
  let t: TestApp;
  let owner: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { OPSTAGE_TRUST_PROXY: 'true' } });
    owner = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (ip: string, username: string, password: string): request.Test =>
    request(t.server).post('/api/admin/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  async function createUser(username: string, password: string): Promise<request.Response> {
    return owner.post('/api/admin/users', { username, password, role: 'viewer' });
  }

  it('150 parallel wrong passwords for one user reach the password check at most 5 times; a right password inside the burst is refused', async () => {
    expect((await createUser('burst-user', 'burst-password-123')).status).toBe(200);
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    try {
      let sawLimit!: () => void;
      const limited = new Promise<void>((resolve) => (sawLimit = resolve));
      const burst = Array.from({ length: 150 }, () =>
        login('10.1.0.1', 'burst-user', 'wrong-password').then((res) => {
          if (res.status === 429) sawLimit();
          return res;
        }),
      );
      // The budget is used up while most of the burst is still in flight: the right password now.
      await limited;
      const right = await login('10.1.0.1', 'burst-user', 'burst-password-123');
      const results = await Promise.all(burst);
      expect(right.status).toBe(429);
      expect(right.body.error.code).toBe('RATE_LIMITED');
      expect(right.headers['retry-after']).toMatch(/^\d+$/);
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      verify.mockRestore();
    }
  });

  it('150 parallel attempts from one address across usernames cost at most 20 password checks', async () => {
    const hasher = t.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    try {
      const results = await Promise.all(
        Array.from({ length: 150 }, (_v, i) => login('10.1.0.2', `spray-${i}`, 'wrong-password')),
      );
      expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(20);
      expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(130);
      // verifyDummy runs through verify, so unknown usernames are counted here too.
      expect(verify.mock.calls.length).toBeLessThanOrEqual(20);
    } finally {
      verify.mockRestore();
    }
  });

  it('a successful login clears that username’s count', async () => {
    expect((await createUser('clear-user', 'clear-password-123')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login('10.1.0.3', 'clear-user', 'nope')).status).toBe(401);
    expect((await login('10.1.0.3', 'clear-user', 'clear-password-123')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login('10.1.0.3', 'clear-user', 'nope')).status).toBe(401);
    expect((await login('10.1.0.3', 'clear-user', 'clear-password-123')).status).toBe(200);
  });

  it('a failed login stores the typed username only when it names an existing user', async () => {
    const typedPassword = 'Correct-Horse-Battery-Staple-9';
    expect((await login('10.1.0.4', typedPassword, 'x')).status).toBe(401);
    expect((await login('10.1.0.4', TEST_ADMIN.username, 'wrong')).status).toBe(401);
    const rows = await t.app
      .get(DataSource)
      .query<
        { metadataJson: string; ipAddress: string }[]
      >(`SELECT "metadataJson", "ipAddress" FROM audit_events WHERE action = 'session.login.failed' AND "ipAddress" = '10.1.0.4' ORDER BY "createdAt", id`);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.metadataJson).join('\n')).not.toContain(typedPassword);
    expect(JSON.parse(rows[0]!.metadataJson)).toEqual({ userKnown: false });
    expect(JSON.parse(rows[1]!.metadataJson)).toEqual({ userKnown: true, username: TEST_ADMIN.username });
  });

  it('GET /auth/csrf returns the current token without rotating it; the database holds no usable CSRF token', async () => {
    const client = await loginAs(t.server);
    const first = await client.get('/api/admin/auth/csrf');
    const second = await client.get('/api/admin/auth/csrf');
    expect(first.status).toBe(200);
    expect(second.body.data.csrfToken).toBe(first.body.data.csrfToken);
    expect(first.body.data.csrfToken).toBe(client.csrfToken);
    // The token from login keeps working after both reads.
    expect((await client.post('/api/admin/auth/logout')).status).toBe(200);
    const stored = await t.app.get(DataSource).query<Record<string, unknown>[]>('SELECT * FROM sessions');
    expect(JSON.stringify(stored)).not.toContain(client.csrfToken);
    const refreshes = await t.app
      .get(DataSource)
      .query(`SELECT id FROM audit_events WHERE action = 'session.csrf.refreshed'`);
    expect(refreshes).toEqual([]);
  });

  it('usernames compare case-insensitively after NFKC: look-alikes are refused, and login accepts any such spelling', async () => {
    for (const lookAlike of ['ADMIN', 'Admin', 'ａｄｍｉｎ', 'ＡＤＭＩＮ']) {
      const res = await createUser(lookAlike, 'look-alike-password-1');
      expect({ lookAlike, status: res.status, code: res.body.error?.code }).toEqual({
        lookAlike,
        status: 409,
        code: 'USER_ALREADY_EXISTS',
      });
    }
    expect((await createUser('Mixed.Case@Example.local', 'mixed-password-123')).status).toBe(200);
    expect((await createUser('mixed.case@example.local', 'mixed-password-123')).status).toBe(409);
    const res = await login('10.1.0.5', 'MIXED.CASE@EXAMPLE.LOCAL', 'mixed-password-123');
    expect(res.status).toBe(200);
    expect(res.body.data.user.username).toBe('Mixed.Case@Example.local');
    expect((await login('10.1.0.5', 'ＡＤＭＩＮ', TEST_ADMIN.password)).status).toBe(200);
  });
});
