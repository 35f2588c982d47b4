import request from 'supertest';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { dbCount, dbQuery } from './support/db';

const PASSWORDS = [
  'operator-password-1',
  'viewer-password-01',
  'new-password-000001',
  'owner2-password-01',
  'ops-password-000002',
];

describe('users (owner only)', () => {
  let t: TestApp;
  let owner: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  async function createUser(body: Record<string, unknown>): Promise<request.Response> {
    return owner.post('/api/admin/users', body);
  }

  async function sessionCount(userId: string): Promise<number> {
    return dbCount(t, 'SELECT COUNT(*) AS "n" FROM sessions WHERE "userId" = ?', [userId]);
  }

  async function auditRows(): Promise<Record<string, unknown>[]> {
    return dbQuery(t, 'SELECT * FROM audit_events ORDER BY "createdAt", id');
  }

  it('creates users (default role viewer), never echoes the password, and audits user.created', async () => {
    const res = await createUser({
      username: 'olivia',
      password: PASSWORDS[0],
      displayName: 'Olivia Ops',
      role: 'operator',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      username: 'olivia',
      displayName: 'Olivia Ops',
      role: 'operator',
      status: 'ACTIVE',
      lastLoginAt: null,
    });
    expect(res.body.data.id).toMatch(/^usr_/);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORDS[0]);
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const viewer = await createUser({ username: 'victor', password: PASSWORDS[1] });
    expect(viewer.status).toBe(200);
    expect(viewer.body.data.role).toBe('viewer');
    expect(viewer.body.data.displayName).toBeNull();
    const audit = (await auditRows()).filter((r) => r.action === 'user.created');
    expect(audit.map((r) => JSON.parse(String(r.metadataJson)))).toEqual(
      expect.arrayContaining([
        { username: 'olivia', role: 'operator' },
        { username: 'victor', role: 'viewer' },
      ]),
    );
    expect(audit[0]).toMatchObject({ actorType: 'USER', targetType: 'User', result: 'SUCCESS' });
  });

  it('rejects duplicates with 409 USER_ALREADY_EXISTS and bad bodies with 422', async () => {
    const dup = await createUser({ username: 'olivia', password: 'another-password-1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('USER_ALREADY_EXISTS');
    const short = await createUser({ username: 'shorty', password: 'elevenchars' });
    expect(short.status).toBe(422);
    expect(short.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['password']);
    const role = await createUser({ username: 'r', password: 'long-enough-password', role: 'root' });
    expect(role.status).toBe(422);
    expect(role.body.error.details.issues[0].path).toBe('role');
    const extra = await createUser({ username: 'e', password: 'long-enough-password', isAdmin: true });
    expect(extra.status).toBe(422);
    expect(extra.body.error.details.issues[0].path).toBe('isAdmin');
    const empty = await createUser({ username: '   ', password: 'long-enough-password' });
    expect(empty.status).toBe(422);
  });

  it('lists with filters role/status/q and pagination, newest first', async () => {
    const all = await owner.get('/api/admin/users');
    expect(all.status).toBe(200);
    expect(all.body.pagination).toEqual({ page: 1, pageSize: 20, total: 3 });
    expect(all.body.data.map((u: { username: string }) => u.username)).toEqual(['victor', 'olivia', 'admin']);
    expect(all.body.data[0]).not.toHaveProperty('passwordHash');
    const ops = await owner.get('/api/admin/users?role=operator');
    expect(ops.body.data.map((u: { username: string }) => u.username)).toEqual(['olivia']);
    const q = await owner.get('/api/admin/users?q=OPS');
    expect(q.body.data.map((u: { username: string }) => u.username)).toEqual(['olivia']);
    const wildcard = await owner.get('/api/admin/users?q=%25');
    expect(wildcard.body.pagination.total).toBe(0);
    const page2 = await owner.get('/api/admin/users?page=2&pageSize=2');
    expect(page2.body.pagination).toEqual({ page: 2, pageSize: 2, total: 3 });
    expect(page2.body.data.map((u: { username: string }) => u.username)).toEqual(['admin']);
    const active = await owner.get('/api/admin/users?status=ACTIVE&pageSize=1000&page=0');
    expect(active.body.pagination).toMatchObject({ page: 1, pageSize: 100, total: 3 });
    for (const bad of ['role=root', 'status=GONE', 'page=abc', 'pageSize=2.5', 'q=%20%20', 'unknown=1']) {
      const res = await owner.get(`/api/admin/users?${bad}`);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('is owner only: operator and viewer get 403 FORBIDDEN, anonymous 401', async () => {
    const operator = await loginAs(t.server, 'olivia', PASSWORDS[0]);
    const viewer = await loginAs(t.server, 'victor', PASSWORDS[1]);
    for (const c of [operator, viewer]) {
      expect((await c.get('/api/admin/users')).status).toBe(403);
      const create = await c.post('/api/admin/users', { username: 'x', password: 'long-enough-password' });
      expect(create.status).toBe(403);
      expect(create.body.error.code).toBe('FORBIDDEN');
    }
    expect((await request(t.server).get('/api/admin/users')).status).toBe(401);
  });

  it('PATCH: 404 USER_NOT_FOUND before body validation, 422 for bad bodies, empty body accepted', async () => {
    const missing = await owner.patch('/api/admin/users/usr_unknown', { role: 'root', nonsense: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('USER_NOT_FOUND');
    const resetMissing = await owner.post('/api/admin/users/usr_unknown/reset-password', { password: 'short' });
    expect(resetMissing.status).toBe(404);
    const users = await owner.get('/api/admin/users?q=victor');
    const id = users.body.data[0].id as string;
    const bad = await owner.patch(`/api/admin/users/${id}`, { role: 'root' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0].path).toBe('role');
    const unknown = await owner.patch(`/api/admin/users/${id}`, { username: 'renamed' });
    expect(unknown.status).toBe(422);
    const empty = await owner.patch(`/api/admin/users/${id}`, {});
    expect(empty.status).toBe(200);
    expect(empty.body.data.username).toBe('victor');
    const renamed = await owner.patch(`/api/admin/users/${id}`, { displayName: 'Victor V.' });
    expect(renamed.body.data.displayName).toBe('Victor V.');
  });

  it('a displayName change keeps sessions; a role change ends them and takes effect at once', async () => {
    const viewer = await loginAs(t.server, 'victor', PASSWORDS[1]);
    const id = (await viewer.get('/api/admin/auth/me')).body.data.user.id as string;
    expect((await owner.patch(`/api/admin/users/${id}`, { displayName: 'V' })).status).toBe(200);
    expect((await viewer.get('/api/admin/auth/me')).status).toBe(200);
    const before = await sessionCount(id);
    expect(before).toBeGreaterThanOrEqual(1);
    const promoted = await owner.patch(`/api/admin/users/${id}`, { role: 'operator' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.data.role).toBe('operator');
    expect((await viewer.get('/api/admin/auth/me')).status).toBe(401);
    const again = await loginAs(t.server, 'victor', PASSWORDS[1]);
    expect((await again.get('/api/admin/auth/me')).body.data.user.role).toBe('operator');
    const audit = (await auditRows()).filter((r) => r.action === 'user.updated' && r.targetId === id).at(-1);
    expect(JSON.parse(String(audit?.metadataJson))).toMatchObject({
      role: 'operator',
      status: 'ACTIVE',
      previousRole: 'viewer',
      sessionsEnded: before,
    });
    expect(await sessionCount(id)).toBe(1);
  });

  it('disabling a user ends their sessions and blocks login', async () => {
    const created = await createUser({ username: 'dora', password: PASSWORDS[4] });
    const dora = await loginAs(t.server, 'dora', PASSWORDS[4]);
    expect((await dora.get('/api/admin/auth/me')).status).toBe(200);
    const disabled = await owner.patch(`/api/admin/users/${created.body.data.id}`, { status: 'DISABLED' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data.status).toBe('DISABLED');
    expect((await dora.get('/api/admin/auth/me')).status).toBe(401);
    expect(await dbCount(t, 'SELECT COUNT(*) AS "n" FROM sessions WHERE "userId" = ?', [created.body.data.id])).toBe(0);
    const login = await request(t.server)
      .post('/api/admin/auth/login')
      .send({ username: 'dora', password: PASSWORDS[4] });
    expect(login.status).toBe(401);
    expect((await owner.patch(`/api/admin/users/${created.body.data.id}`, { status: 'ACTIVE' })).status).toBe(200);
    expect(
      (await request(t.server).post('/api/admin/auth/login').send({ username: 'dora', password: PASSWORDS[4] })).status,
    ).toBe(200);
  });

  it('reset-password ends every session of the user; old password fails, new one works; audited without the password', async () => {
    const olivia1 = await loginAs(t.server, 'olivia', PASSWORDS[0]);
    const olivia2 = await loginAs(t.server, 'olivia', PASSWORDS[0]);
    const id = (await olivia1.get('/api/admin/auth/me')).body.data.user.id as string;
    const short = await owner.post(`/api/admin/users/${id}/reset-password`, { password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.details.issues[0].path).toBe('password');
    const before = await sessionCount(id);
    expect(before).toBeGreaterThanOrEqual(2);
    const res = await owner.post(`/api/admin/users/${id}/reset-password`, { password: PASSWORDS[2] });
    expect(res.status).toBe(200);
    expect(res.body.data.username).toBe('olivia');
    expect(JSON.stringify(res.body)).not.toContain(PASSWORDS[2]);
    expect((await olivia1.get('/api/admin/auth/me')).status).toBe(401);
    expect((await olivia2.get('/api/admin/auth/me')).status).toBe(401);
    expect(
      (await request(t.server).post('/api/admin/auth/login').send({ username: 'olivia', password: PASSWORDS[0] }))
        .status,
    ).toBe(401);
    expect(
      (await request(t.server).post('/api/admin/auth/login').send({ username: 'olivia', password: PASSWORDS[2] }))
        .status,
    ).toBe(200);
    const audit = (await auditRows()).filter((r) => r.action === 'user.password.reset');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: 'User', targetId: id, actorType: 'USER' });
    expect(JSON.parse(String(audit[0]?.metadataJson))).toEqual({ sessionsEnded: before });
  });

  it('guards the last active owner with 409 LAST_OWNER_REQUIRED', async () => {
    const adminId = (await owner.get('/api/admin/auth/me')).body.data.user.id as string;
    const demote = await owner.patch(`/api/admin/users/${adminId}`, { role: 'operator' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_OWNER_REQUIRED');
    const disable = await owner.patch(`/api/admin/users/${adminId}`, { status: 'DISABLED' });
    expect(disable.status).toBe(409);
    expect((await owner.get('/api/admin/auth/me')).status).toBe(200);
    // With a second active owner the first may step down (and loses its sessions).
    const second = await createUser({ username: 'otto', password: PASSWORDS[3], role: 'owner' });
    expect(second.status).toBe(200);
    const otto = await loginAs(t.server, 'otto', PASSWORDS[3]);
    const stepDown = await owner.patch(`/api/admin/users/${adminId}`, { role: 'operator' });
    expect(stepDown.status).toBe(200);
    expect((await owner.get('/api/admin/auth/me')).status).toBe(401);
    const last = await otto.patch(`/api/admin/users/${second.body.data.id}`, { status: 'DISABLED' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('LAST_OWNER_REQUIRED');
    expect((await otto.patch(`/api/admin/users/${adminId}`, { role: 'owner' })).status).toBe(200);
    owner = await loginAs(t.server);
  });

  it('no password ever lands in an audit row', async () => {
    const dump = JSON.stringify(await auditRows());
    for (const p of [...PASSWORDS, TEST_ADMIN.password]) expect(dump).not.toContain(p);
    expect(dump).not.toMatch(/\$argon2/);
  });
});
