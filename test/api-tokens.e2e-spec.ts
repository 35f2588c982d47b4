import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiTokenEntity } from '../src/api-tokens/api-token.entity';
import { CapsuleServiceEntity } from '../src/capsule-services/capsule-service.entity';
import { FixedClock } from '../src/common/time/clock';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, userWithRole, type SeededAgent } from './support/seed';

const DAY = 86_400_000;

interface Created {
  id: string;
  token: string;
}

/** A bearer-only client: no cookie jar, no CSRF header. */
function bearer(t: TestApp, token: string) {
  const auth = (r: request.Test): request.Test => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(t.server).get(path)),
    post: (path: string, body: object = {}) => auth(request(t.server).post(path)).send(body),
    patch: (path: string, body: object = {}) => auth(request(t.server).patch(path)).send(body),
  };
}

async function createToken(owner: AdminClient, body: Record<string, unknown>): Promise<Created> {
  const res = await owner.post('/api/admin/api-tokens', body);
  if (res.status !== 200) throw new Error(`create token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Created;
}

async function labelService(t: TestApp, serviceId: string, labels: Record<string, string>): Promise<void> {
  await t.app
    .get(DataSource)
    .getRepository(CapsuleServiceEntity)
    .update({ id: serviceId }, { manifestJson: JSON.stringify({ labels }) });
}

async function setExpiry(t: TestApp, id: string, expiresAt: string): Promise<void> {
  await t.app.get(DataSource).getRepository(ApiTokenEntity).update({ id }, { expiresAt });
}

describe('API tokens (docs/api-tokens-and-cli.md)', () => {
  let t: TestApp;
  let owner: AdminClient;
  let billing: SeededAgent;
  let search: SeededAgent;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ clock });
    owner = await loginAs(t.server);
    billing = await seedAgentWithService(t.app, { code: 'billing', actions: [{ name: 'ping' }] });
    search = await seedAgentWithService(t.app, { code: 'search', actions: [{ name: 'ping' }] });
    await labelService(t, billing.serviceId, { team: 'billing', env: 'prod' });
    await labelService(t, search.serviceId, { team: 'search', env: 'prod' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('management (owner session only)', () => {
    it('creates a token whose secret is shown once and stored hashed; the list shows a hint, never the secret', async () => {
      const res = await owner.post('/api/admin/api-tokens', { name: 'ci', role: 'operator', serviceAccount: 'ci-bot' });
      expect(res.status).toBe(200);
      const created = res.body.data;
      expect(created.token).toMatch(/^opstage_api_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({
        name: 'ci',
        role: 'operator',
        subjectType: 'SERVICE_ACCOUNT',
        serviceAccount: 'ci-bot',
        userId: null,
        scope: null,
        status: 'ACTIVE',
        hint: created.token.slice(-4),
        lastUsedAt: null,
      });
      // Default lifetime: 90 days.
      expect(Date.parse(created.expiresAt) - clock.nowMs()).toBe(90 * DAY);
      const row = await t.app.get(DataSource).getRepository(ApiTokenEntity).findOneByOrFail({ id: created.id });
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(created.token);
      const list = await owner.get('/api/admin/api-tokens').expect(200);
      const listed = list.body.data.find((i: { id: string }) => i.id === created.id);
      expect(listed).toMatchObject({ id: created.id, hint: created.token.slice(-4) });
      expect(JSON.stringify(list.body)).not.toContain(created.token);
      const audit = await owner.get('/api/admin/audit-events?action=api_token.created').expect(200);
      expect(audit.body.data[0]).toMatchObject({ actorType: 'USER', targetId: created.id });
    });

    it('refuses owner role, over-long expiry, a missing or double subject and a role above the user’s with 422 and paths', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: 'x', role: 'owner', serviceAccount: 'bot' }, 'role'],
        [{ name: 'x', role: 'viewer', serviceAccount: 'bot', expiresInDays: 366 }, 'expiresInDays'],
        [{ name: 'x', role: 'viewer' }, 'userId'],
        [{ name: 'x', role: 'viewer', serviceAccount: 'bot', userId: 'usr_1' }, 'userId'],
        [{ name: 'x', role: 'viewer', serviceAccount: 'Bad Name' }, 'serviceAccount'],
        [{ name: 'x', role: 'viewer', serviceAccount: 'bot', scope: ['no-colon'] }, 'scope'],
      ];
      for (const [body, path] of cases) {
        const res = await owner.post('/api/admin/api-tokens', body);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
        expect(JSON.stringify(res.body.error.details)).toContain(`"path":"${path}`);
      }
      const viewer = await userWithRole(t.server, owner, 'token-viewer', 'viewer');
      const me = await viewer.get('/api/admin/auth/me').expect(200);
      const res = await owner.post('/api/admin/api-tokens', {
        name: 'x',
        role: 'operator',
        userId: me.body.data.user.id,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('API_TOKEN_USER_INVALID');
      expect(res.body.error.details.issues[0].path).toBe('role');
    });

    it('an operator session cannot manage tokens', async () => {
      const operator = await userWithRole(t.server, owner, 'token-operator', 'operator');
      const res = await operator.post('/api/admin/api-tokens', { name: 'x', role: 'viewer', serviceAccount: 'bot' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('bearer authentication', () => {
    it('works without cookie or CSRF; an action run is a command created by the token and audited with it as actor', async () => {
      const { id, token } = await createToken(owner, { name: 'deploy-bot', role: 'operator', serviceAccount: 'ci' });
      const api = bearer(t, token);
      const services = await api.get('/api/admin/capsule-services').expect(200);
      expect(services.body.data.map((s: { id: string }) => s.id).sort()).toEqual(
        [billing.serviceId, search.serviceId].sort(),
      );
      const run = await api.post(`/api/admin/capsule-services/${billing.serviceId}/actions/ping`, { payload: {} });
      expect(run.status).toBe(200);
      expect(run.body.data).toMatchObject({ createdByType: 'API_TOKEN', createdById: id, createdByUserId: null });
      const audit = await owner.get(`/api/admin/audit-events?actorType=API_TOKEN`).expect(200);
      const created = audit.body.data.find((e: { action: string }) => e.action === 'command.created');
      expect(created).toMatchObject({ actorType: 'API_TOKEN', actorId: id, targetId: run.body.data.id });
      expect(created.metadata).toMatchObject({ actorName: 'deploy-bot', actorUserId: null });
    });

    it('session-only routes answer 403 API_TOKEN_SESSION_ONLY; a role below the route is 403 FORBIDDEN', async () => {
      const operator = bearer(
        t,
        (await createToken(owner, { name: 'op', role: 'operator', serviceAccount: 'a' })).token,
      );
      for (const [method, path] of [
        ['get', '/api/admin/api-tokens'],
        ['post', '/api/admin/api-tokens'],
        ['get', '/api/admin/users'],
        ['get', '/api/admin/auth/me'],
        ['patch', '/api/admin/settings/maintenance'],
        ['post', '/api/admin/bulk/actions'],
      ] as const) {
        const res = await operator[method](path);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'API_TOKEN_SESSION_ONLY',
        });
      }
      const viewer = bearer(t, (await createToken(owner, { name: 'ro', role: 'viewer', serviceAccount: 'b' })).token);
      await viewer.get('/api/admin/agents').expect(200);
      const run = await viewer.post(`/api/admin/capsule-services/${billing.serviceId}/actions/ping`, { payload: {} });
      expect(run.status).toBe(403);
      expect(run.body.error.code).toBe('FORBIDDEN');
    });

    it('an operator token may take the SQLite backup (a cron job needs no password); a viewer token may not', async () => {
      const op = bearer(t, (await createToken(owner, { name: 'backup', role: 'operator', serviceAccount: 'c' })).token);
      const ok = await op.post('/api/admin/backup/sqlite');
      if (t.config.databaseKind === 'postgres') {
        // Past authentication and the role check, PostgreSQL refuses the SQLite backup itself.
        expect([ok.status, ok.body.error.code]).toEqual([409, 'BACKUP_NOT_SUPPORTED']);
      } else {
        expect(ok.status).toBe(200);
        expect(ok.headers['content-disposition']).toMatch(/attachment/);
      }
      const ro = bearer(t, (await createToken(owner, { name: 'ro2', role: 'viewer', serviceAccount: 'd' })).token);
      const refused = await ro.post('/api/admin/backup/sqlite');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    });

    it('unknown → 401 UNAUTHORIZED, revoked → 401 API_TOKEN_REVOKED, expired → 401 API_TOKEN_EXPIRED', async () => {
      const unknown = await bearer(t, 'opstage_api_' + 'A'.repeat(43)).get('/api/admin/agents');
      expect([unknown.status, unknown.body.error.code]).toEqual([401, 'UNAUTHORIZED']);

      const revoked = await createToken(owner, { name: 'gone', role: 'viewer', serviceAccount: 'e' });
      await bearer(t, revoked.token).get('/api/admin/agents').expect(200);
      const rv = await owner.post(`/api/admin/api-tokens/${revoked.id}/revoke`).expect(200);
      expect(rv.body.data).toMatchObject({ status: 'REVOKED', revokedAt: clock.nowIso() });
      const after = await bearer(t, revoked.token).get('/api/admin/agents');
      expect([after.status, after.body.error.code]).toEqual([401, 'API_TOKEN_REVOKED']);
      const again = await owner.post(`/api/admin/api-tokens/${revoked.id}/revoke`);
      expect([again.status, again.body.error.code]).toEqual([409, 'API_TOKEN_NOT_ACTIVE']);
      const missing = await owner.post('/api/admin/api-tokens/atk_missing/revoke');
      expect([missing.status, missing.body.error.code]).toEqual([404, 'API_TOKEN_NOT_FOUND']);
      const audit = await owner.get('/api/admin/audit-events?action=api_token.revoked').expect(200);
      expect(audit.body.data[0]).toMatchObject({ targetId: revoked.id, actorType: 'USER' });

      const short = await createToken(owner, { name: 'short', role: 'viewer', serviceAccount: 'f', expiresInDays: 1 });
      await setExpiry(t, short.id, new Date(clock.nowMs() - 1).toISOString());
      const expired = await bearer(t, short.token).get('/api/admin/agents');
      expect([expired.status, expired.body.error.code]).toEqual([401, 'API_TOKEN_EXPIRED']);
      const listed = await owner.get('/api/admin/api-tokens?status=EXPIRED').expect(200);
      expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([short.id]);
    });

    it('records last use at most once a minute per token', async () => {
      const { id, token } = await createToken(owner, { name: 'busy', role: 'viewer', serviceAccount: 'g' });
      const lastUsed = async (): Promise<string | null> =>
        (await t.app.get(DataSource).getRepository(ApiTokenEntity).findOneByOrFail({ id })).lastUsedAt;
      const first = clock.nowIso();
      await bearer(t, token).get('/api/admin/agents').expect(200);
      expect(await lastUsed()).toBe(first);
      clock.advance(30_000);
      await bearer(t, token).get('/api/admin/agents').expect(200);
      expect(await lastUsed()).toBe(first);
      clock.advance(30_000);
      await bearer(t, token).get('/api/admin/agents').expect(200);
      expect(await lastUsed()).toBe(clock.nowIso());
      clock.advance(-60_000);
    });

    it('a user’s token stops when the user is disabled and never acts above the user’s current role', async () => {
      const operator = await userWithRole(t.server, owner, 'token-owner-user', 'operator');
      const userId = (await operator.get('/api/admin/auth/me').expect(200)).body.data.user.id as string;
      const { token } = await createToken(owner, { name: 'mine', role: 'operator', userId });
      const api = bearer(t, token);
      await api.post(`/api/admin/capsule-services/${billing.serviceId}/actions/ping`, { payload: {} }).expect(200);
      await owner.patch(`/api/admin/users/${userId}`, { role: 'viewer' }).expect(200);
      const demoted = await api.post(`/api/admin/capsule-services/${billing.serviceId}/actions/ping`, { payload: {} });
      expect([demoted.status, demoted.body.error.code]).toEqual([403, 'FORBIDDEN']);
      await owner.patch(`/api/admin/users/${userId}`, { status: 'DISABLED' }).expect(200);
      const disabled = await api.get('/api/admin/agents');
      expect(disabled.status).toBe(401);
    });
  });

  describe('scope by service labels', () => {
    let api: ReturnType<typeof bearer>;

    beforeAll(async () => {
      const { token } = await createToken(owner, {
        name: 'billing-ci',
        role: 'operator',
        serviceAccount: 'billing-ci',
        scope: ['team:billing'],
      });
      api = bearer(t, token);
    });

    it('lists only the services in scope and reads only them', async () => {
      const list = await api.get('/api/admin/capsule-services').expect(200);
      expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([billing.serviceId]);
      await api.get(`/api/admin/capsule-services/${billing.serviceId}`).expect(200);
      const other = await api.get(`/api/admin/capsule-services/${search.serviceId}`);
      expect([other.status, other.body.error.code]).toEqual([403, 'API_TOKEN_OUT_OF_SCOPE']);
    });

    it('runs actions only in scope, and sees and cancels only those commands', async () => {
      const ok = await api.post(`/api/admin/capsule-services/${billing.serviceId}/actions/ping`, { payload: {} });
      expect(ok.status).toBe(200);
      const denied = await api.post(`/api/admin/capsule-services/${search.serviceId}/actions/ping`, { payload: {} });
      expect([denied.status, denied.body.error.code]).toEqual([403, 'API_TOKEN_OUT_OF_SCOPE']);
      const foreign = await owner.post(`/api/admin/capsule-services/${search.serviceId}/actions/ping`, { payload: {} });
      expect(foreign.status).toBe(200);
      const commands = await api.get('/api/admin/commands?pageSize=100').expect(200);
      const serviceIds = new Set(commands.body.data.map((c: { serviceId: string }) => c.serviceId));
      expect([...serviceIds]).toEqual([billing.serviceId]);
      const show = await api.get(`/api/admin/commands/${foreign.body.data.id}`);
      expect([show.status, show.body.error.code]).toEqual([403, 'API_TOKEN_OUT_OF_SCOPE']);
      const cancel = await api.post(`/api/admin/commands/${foreign.body.data.id}/cancel`);
      expect([cancel.status, cancel.body.error.code]).toEqual([403, 'API_TOKEN_OUT_OF_SCOPE']);
      await api.post(`/api/admin/commands/${ok.body.data.id}/cancel`).expect(200);
    });

    it('routes that are not about one service refuse a scoped token', async () => {
      for (const path of ['/api/admin/agents', '/api/admin/audit-events', '/api/admin/dashboard/overview']) {
        const res = await api.get(path);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'API_TOKEN_OUT_OF_SCOPE',
        });
      }
    });
  });

  it('the sweep deletes tokens revoked or expired longer ago than the command retention', async () => {
    const old = await createToken(owner, { name: 'old', role: 'viewer', serviceAccount: 'h' });
    const fresh = await createToken(owner, { name: 'fresh', role: 'viewer', serviceAccount: 'i' });
    // Expired 40 days ago: past the 30-day command retention the sweep uses for stale credentials.
    await setExpiry(t, old.id, new Date(clock.nowMs() - 40 * DAY).toISOString());
    const res = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(res.body.data.deletedApiTokens).toBe(1);
    const repo = t.app.get(DataSource).getRepository(ApiTokenEntity);
    expect(await repo.findOneBy({ id: old.id })).toBeNull();
    expect(await repo.findOneBy({ id: fresh.id })).not.toBeNull();
  });
});

describe('API tokens: bad bearer tokens spend the address’s login budget', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('after 20 bad tokens every bearer token from that address is 429, a good one too', async () => {
    const owner = await loginAs(t.server);
    const { token } = await createToken(owner, { name: 'good', role: 'viewer', serviceAccount: 'ok' });
    for (let i = 0; i < 20; i++) {
      const res = await bearer(t, `opstage_api_bad${i}`).get('/api/admin/agents');
      expect(res.status).toBe(401);
    }
    const blocked = await bearer(t, 'opstage_api_bad-again').get('/api/admin/agents');
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const good = await bearer(t, token).get('/api/admin/agents');
    expect(good.status).toBe(429);
  });
});
