import request from 'supertest';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { dbQuery } from './support/db';

/**
 * Several applications in one process (the e2e suites, the replica tests) must not share state: each
 * checks logins against its own users and writes sessions for them. Passport's process-wide strategy
 * registry once made the last app's login strategy answer for every app (docs/design/architecture.md,
 * "House rules").
 */
describe('two applications in one process', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function start(): Promise<TestApp> {
    const app = await createTestApp();
    apps.push(app);
    return app;
  }

  async function adminIdOf(t: TestApp): Promise<string> {
    const rows = await dbQuery<{ id: string }>(t, 'SELECT id FROM users WHERE username = ?', [TEST_ADMIN.username]);
    expect(rows).toHaveLength(1);
    return rows[0]!.id;
  }

  async function sessionUserIds(t: TestApp): Promise<string[]> {
    const rows = await dbQuery<{ userId: string }>(t, 'SELECT "userId" FROM sessions ORDER BY "createdAt", id');
    return rows.map((r) => r.userId);
  }

  /** Logs in and checks the answer names this app's own admin, and that `me` works on the new session. */
  async function loginOwn(t: TestApp, adminId: string): Promise<AdminClient> {
    const client = await loginAs(t.server);
    const me = await client.get('/api/admin/auth/me');
    expect(me.status).toBe(200);
    expect((me.body as { data: { user: { id: string } } }).data.user.id).toBe(adminId);
    return client;
  }

  it('logs in on each app, before and after the other starts, with sessions of its own admin', async () => {
    const a = await start();
    const aAdmin = await adminIdOf(a);
    await loginOwn(a, aAdmin);
    const b = await start();
    const bAdmin = await adminIdOf(b);
    expect(bAdmin).not.toBe(aAdmin);

    await loginOwn(b, bAdmin);
    await loginOwn(a, aAdmin);
    await loginOwn(b, bAdmin);

    expect(await sessionUserIds(a)).toEqual([aAdmin, aAdmin]);
    expect(await sessionUserIds(b)).toEqual([bAdmin, bAdmin]);
  });

  it("checks credentials against the app's own users only", async () => {
    const a = await start();
    const b = await start();
    const bOwner = await loginAs(b.server);
    const created = await bOwner.post('/api/admin/users', {
      username: 'only-in-b',
      password: 'only-in-b-password',
      role: 'viewer',
    });
    expect(created.status).toBe(200);
    const credentials = { username: 'only-in-b', password: 'only-in-b-password' };

    const onA = await request(a.server).post('/api/admin/auth/login').send(credentials);
    expect(onA.status).toBe(401);
    expect((onA.body as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    const onB = await request(b.server).post('/api/admin/auth/login').send(credentials);
    expect(onB.status).toBe(200);
    expect((onB.body as { data: { user: { id: string } } }).data.user.id).toBe(
      (created.body as { data: { id: string } }).data.id,
    );
  });

  it('keeps logging in on the first app after the second has closed', async () => {
    const a = await start();
    const aAdmin = await adminIdOf(a);
    const b = await start();
    await loginOwn(b, await adminIdOf(b));
    await b.close();

    await loginOwn(a, aAdmin);
    expect(await sessionUserIds(a)).toEqual([aAdmin]);
  });
});
