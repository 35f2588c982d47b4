import { rmSync } from 'node:fs';
import request from 'supertest';
import { CancelNoticeIndex } from '../src/commands/cancel-notice-index';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';
import { poll, type AgentCommand } from './support/commands-helpers';

interface Envelope<T> {
  success: boolean;
  data: T;
  cancelledCommandIds?: string[];
  error?: { code: string };
}

/** The agent hot path's shortcuts (cancel-notice index, lean token lookup, header split) keep the behaviour. */
describe('agent hot path', () => {
  let t: TestApp;
  let admin: AdminClient;
  const dirs: string[] = [];

  beforeEach(async () => {
    t = await createTestApp();
    dirs.push(t.dataDir);
    admin = await loginAs(t.server);
  });
  afterEach(async () => {
    await t.close();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function runningCommand(a: SeededAgent): Promise<string> {
    const exec = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    expect(exec.status).toBe(200);
    const id = (exec.body as Envelope<{ id: string }>).data.id;
    const claimed = (await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>;
    expect(claimed.data.map((c) => c.id)).toEqual([id]);
    return id;
  }

  it('indexes only agents owed a cancel notice and forgets them once told', async () => {
    const a = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    const other = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    const index = t.app.get(CancelNoticeIndex);
    // A cancelled PENDING command was never handed out: nothing to tell the agent.
    const pendingExec = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    await admin
      .post(`/api/admin/commands/${(pendingExec.body as Envelope<{ id: string }>).data.id}/cancel`)
      .expect(200);
    expect(index.has(a.agentId)).toBe(false);

    const running = await runningCommand(a);
    await admin.post(`/api/admin/commands/${running}/cancel`).expect(200);
    expect(index.has(a.agentId)).toBe(true);
    expect(index.has(other.agentId)).toBe(false);
    const hbOther = await asAgent(t.server, other.token).post(`/api/agents/${other.agentId}/heartbeat`, {});
    expect((hbOther.body as Envelope<{ cancelledCommandIds: string[] }>).data.cancelledCommandIds).toEqual([]);
    const hb = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect((hb.body as Envelope<{ cancelledCommandIds: string[] }>).data.cancelledCommandIds).toEqual([running]);
    expect(index.has(a.agentId)).toBe(false);
    const again = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect((again.body as Envelope<{ cancelledCommandIds: string[] }>).data.cancelledCommandIds).toEqual([]);
  });

  it('reloads pending cancel notices from the database after a restart', async () => {
    const a = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    const running = await runningCommand(a);
    await admin.post(`/api/admin/commands/${running}/cancel`).expect(200);
    t = await t.restart();
    expect(t.app.get(CancelNoticeIndex).has(a.agentId)).toBe(true);
    const polled = (await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>;
    expect(polled.data).toEqual([]);
    expect(polled.cancelledCommandIds).toEqual([running]);
    const hb = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect((hb.body as Envelope<{ cancelledCommandIds: string[] }>).data.cancelledCommandIds).toEqual([]);
  });

  it('still claims a command created while nothing was pending, and never twice', async () => {
    const a = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    expect(((await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>).data).toEqual([]);
    const exec = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    const id = (exec.body as Envelope<{ id: string }>).data.id;
    const [p1, p2] = await Promise.all([poll(t.server, a.agentId, a.token), poll(t.server, a.agentId, a.token)]);
    const got = [...(p1.body as Envelope<AgentCommand[]>).data, ...(p2.body as Envelope<AgentCommand[]>).data].map(
      (c) => c.id,
    );
    expect(got).toEqual([id]);
  });

  it('authenticates with the lean lookup: revoked and disabled agents are refused, the token is bound to its agent', async () => {
    const a = await seedAgentWithService(t.app);
    const b = await seedAgentWithService(t.app);
    expect((await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {})).status).toBe(200);
    expect((await asAgent(t.server, a.token).post(`/api/agents/${b.agentId}/heartbeat`, {})).status).toBe(401);
    expect(
      (await asAgent(t.server, 'opstage_agent_unknown').post(`/api/agents/${a.agentId}/heartbeat`, {})).status,
    ).toBe(401);
    await admin.post(`/api/admin/agents/${a.agentId}/disable`).expect(200);
    const disabled = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect((disabled.body as Envelope<unknown>).error?.code).toBe('AGENT_DISABLED');
    await admin.post(`/api/admin/agents/${a.agentId}/enable`).expect(200);
    expect((await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {})).status).toBe(200);
    await admin.post(`/api/admin/agents/${a.agentId}/revoke`).expect(200);
    expect((await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {})).status).toBe(401);
  });

  it('sends browser security headers outside the agent API only; X-Request-Id everywhere', async () => {
    const a = await seedAgentWithService(t.app);
    const hb = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect(hb.headers['x-request-id']).toMatch(/^req_/);
    expect(hb.headers['x-content-type-options']).toBe('nosniff');
    expect(hb.headers['content-security-policy']).toBeUndefined();
    const admin404 = await request(t.server).get('/api/admin/agents');
    expect(admin404.headers['x-request-id']).toMatch(/^req_/);
    expect(admin404.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('accepts any spelling of the JSON content type, refuses others, and sends no ETag', async () => {
    const a = await seedAgentWithService(t.app);
    const url = `/api/agents/${a.agentId}/heartbeat`;
    const send = (type: string, body: string) =>
      request(t.server).post(url).set('Authorization', `Bearer ${a.token}`).set('Content-Type', type).send(body);
    // Parsed and validated under the odd spelling: an unknown field is refused by the DTO.
    expect((await send('Application/JSON ; Charset=UTF-8', '{"bogus":1}')).status).toBe(422);
    const upper = await send('Application/JSON ; Charset=UTF-8', '{}');
    expect(upper.status).toBe(200);
    expect(upper.headers.etag).toBeUndefined();
    expect((upper.body as Envelope<unknown>).success).toBe(true);
    expect(
      ((await send('application/json;charset=utf-8', '{"serviceId":')).body as Envelope<unknown>).error?.code,
    ).toBe('INVALID_JSON');
    const text = await send('text/plain', '{}');
    expect(text.status).toBe(415);
    expect((text.body as Envelope<unknown>).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await send('application/jsonx', '{}')).status).toBe(415);
  });

  it('ignores cookies on the agent API: a session cookie is no substitute for the bearer token', async () => {
    const a = await seedAgentWithService(t.app);
    const res = await admin.post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect(res.status).toBe(401);
    expect(await admin.get('/api/admin/auth/me').then((r) => r.status)).toBe(200);
  });

  it('keeps idle agent connections for a minute, longer than a long-poll, so a busy server does not drop a waiting request', () => {
    const server = t.server;
    expect(server.keepAliveTimeout).toBe(61_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
