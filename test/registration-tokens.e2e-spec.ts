import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { RegistrationTokenEntity } from '../src/registration-tokens/registration-token.entity';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { createToken, registerRaw } from './support/agent-flow';

// Real SQLite, argon2 login and 50-way races: generous under a loaded CI machine.
jest.setTimeout(30_000);

describe('registration tokens (e2e)', () => {
  const clock = new FixedClock('2026-03-01T10:00:00.000Z');
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await loginAs(t.server);
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);

  it('creates a token shown once (token === rawToken), stores only the hash, defaults to 24 h', async () => {
    const res = await admin.post('/api/admin/registration-tokens', { name: 'first' });
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.token).toMatch(/^opstage_reg_[A-Za-z0-9_-]{43}$/);
    expect(data.rawToken).toBe(data.token);
    expect(data.status).toBe('ACTIVE');
    expect(data.expiresAt).toBe('2026-03-02T10:00:00.000Z');
    expect(data).not.toHaveProperty('tokenHash');
    const row = await db().getRepository(RegistrationTokenEntity).findOneByOrFail({ id: data.id });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(data.token);
    const list = await admin.get('/api/admin/registration-tokens');
    expect(JSON.stringify(list.body)).not.toContain(data.token);
    expect(JSON.stringify(list.body)).not.toContain(row.tokenHash);
    const audit = await db()
      .getRepository(AuditEventEntity)
      .findOneByOrFail({ action: 'registration_token.created', targetId: data.id });
    expect(audit.metadataJson).not.toContain(data.token);
  });

  it('validates expiresInSeconds: max 30 days, explicit null = never, bad values 422', async () => {
    const never = await admin.post('/api/admin/registration-tokens', { name: 'never', expiresInSeconds: null });
    expect(never.status).toBe(200);
    expect(never.body.data.expiresAt).toBeNull();
    const max = await admin.post('/api/admin/registration-tokens', { name: 'max', expiresInSeconds: 2592000 });
    expect(max.status).toBe(200);
    for (const bad of [2592001, 10, 'abc', 1.5]) {
      const res = await admin.post('/api/admin/registration-tokens', { expiresInSeconds: bad });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).toBe('expiresInSeconds');
    }
    const unknownField = await admin.post('/api/admin/registration-tokens', { name: 'x', foo: 1 });
    expect(unknownField.status).toBe(422);
    const badCode = await admin.post('/api/admin/registration-tokens', { agentCode: 'Bad Code' });
    expect(badCode.status).toBe(422);
  });

  it('lists with a status filter; expiry shows before the sweep; bad filter 422', async () => {
    const { id, token } = await createToken(admin, { name: 'short', expiresInSeconds: 60 });
    clock.advance(61_000);
    const expired = await admin.get('/api/admin/registration-tokens?status=EXPIRED');
    expect(expired.status).toBe(200);
    expect(expired.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(expired.body.data.find((r: { id: string }) => r.id === id).status).toBe('EXPIRED');
    const active = await admin.get('/api/admin/registration-tokens?status=ACTIVE');
    expect(active.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(active.body.pagination).toEqual({ page: 1, pageSize: 20, total: active.body.data.length });
    const bad = await admin.get('/api/admin/registration-tokens?status=BAD');
    expect(bad.status).toBe(422);
    // Not swept yet (stored ACTIVE), but it cannot register, and the attempt is audited with its reason.
    const row = await db().getRepository(RegistrationTokenEntity).findOneByOrFail({ id });
    expect(row.status).toBe('ACTIVE');
    const reg = await registerRaw(t.server, { registrationToken: token, agent: { code: 'late-agent' } });
    expect(reg.status).toBe(401);
    const audit = await db()
      .getRepository(AuditEventEntity)
      .findOneByOrFail({ action: 'agent.registration.rejected', targetId: id });
    expect(JSON.parse(audit.metadataJson)).toMatchObject({ reason: 'expired', agentCode: 'late-agent' });
  });

  it('revoke: 404 unknown (nothing written), 409 unless ACTIVE, audited; delete only non-ACTIVE', async () => {
    const before = await db().getRepository(AuditEventEntity).count();
    const unknown = await admin.post('/api/admin/registration-tokens/tok_missing/revoke');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('REGISTRATION_TOKEN_NOT_FOUND');
    expect(await db().getRepository(AuditEventEntity).count()).toBe(before);

    const { id, token } = await createToken(admin, { name: 'to revoke' });
    const activeDelete = await admin.delete(`/api/admin/registration-tokens/${id}`);
    expect(activeDelete.status).toBe(409);
    expect(activeDelete.body.error.code).toBe('REGISTRATION_TOKEN_NOT_DELETABLE');

    const revoked = await admin.post(`/api/admin/registration-tokens/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe('REVOKED');
    const again = await admin.post(`/api/admin/registration-tokens/${id}/revoke`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REGISTRATION_TOKEN_NOT_ACTIVE');

    const reg = await registerRaw(t.server, { registrationToken: token, agent: { code: 'revoked-token-agent' } });
    expect(reg.status).toBe(401);
    expect(reg.body.error.code).toBe('REGISTRATION_TOKEN_INVALID');
    const rejected = await db()
      .getRepository(AuditEventEntity)
      .findOneByOrFail({ action: 'agent.registration.rejected', targetId: id });
    expect(rejected.result).toBe('FAILURE');
    expect(JSON.parse(rejected.metadataJson)).toMatchObject({ reason: 'revoked' });

    const deleted = await admin.delete(`/api/admin/registration-tokens/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.status).toBe('REVOKED');
    expect(await db().getRepository(RegistrationTokenEntity).findOneBy({ id })).toBeNull();
    const actions = (await db().getRepository(AuditEventEntity).findBy({ targetId: id })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'registration_token.created',
        'registration_token.revoked',
        'registration_token.deleted',
      ]),
    );
    const missingDelete = await admin.delete('/api/admin/registration-tokens/tok_missing');
    expect(missingDelete.status).toBe(404);
  });

  it('a token bound to an agent code only registers that code', async () => {
    const { token } = await createToken(admin, { name: 'bound', agentCode: 'bound-agent' });
    const wrong = await registerRaw(t.server, { registrationToken: token, agent: { code: 'other-agent' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('REGISTRATION_TOKEN_INVALID');
    const right = await registerRaw(t.server, { registrationToken: token, agent: { code: 'bound-agent' } });
    expect(right.status).toBe(200);
    expect(right.body.data.agentId).toMatch(/^agt_/);
    const used = await admin.get('/api/admin/registration-tokens?status=USED');
    expect(used.body.data[0]).toMatchObject({
      status: 'USED',
      agentCode: 'bound-agent',
      agentId: right.body.data.agentId,
    });
  });

  it('every unusable well-formed token is one 401 REGISTRATION_TOKEN_INVALID (unknown, used); a malformed one is 422', async () => {
    const unknown = await registerRaw(t.server, {
      registrationToken: 'opstage_reg_doesnotexist',
      agent: { code: 'x1' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({
      code: 'REGISTRATION_TOKEN_INVALID',
      message: 'Invalid registration token.',
    });
    const malformed = await registerRaw(t.server, { registrationToken: 'nope', agent: { code: 'x1' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'registrationToken' }] },
    });
    const { token } = await createToken(admin);
    expect((await registerRaw(t.server, { registrationToken: token, agent: { code: 'x2' } })).status).toBe(200);
    const reuse = await registerRaw(t.server, { registrationToken: token, agent: { code: 'x3' } });
    expect(reuse.status).toBe(401);
    const reasons = (await db().getRepository(AuditEventEntity).findBy({ action: 'agent.registration.rejected' })).map(
      (a) => JSON.parse(a.metadataJson).reason,
    );
    expect(reasons).toEqual(expect.arrayContaining(['unknown', 'used']));
  });

  it('50 concurrent registrations with one token: exactly one wins', async () => {
    const { token } = await createToken(admin, { name: 'race' });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        Promise.resolve(registerRaw(t.server, { registrationToken: token, agent: { code: `race-${i}` } })),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(49);
    expect(results.every((r) => r.status === 200 || r.body.error.code === 'REGISTRATION_TOKEN_INVALID')).toBe(true);
    const agents = await db().query(`SELECT COUNT(*) AS n FROM agents WHERE code LIKE 'race-%'`);
    expect(Number(agents[0].n)).toBe(1);
  });

  it('requires a session and CSRF', async () => {
    const noSession = await request(t.server).post('/api/admin/registration-tokens').send({});
    expect(noSession.status).toBe(401);
    const noCsrf = await admin.agent.post('/api/admin/registration-tokens').send({});
    expect(noCsrf.status).toBe(403);
  });
});
