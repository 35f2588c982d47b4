import { DataSource } from 'typeorm';
import request from 'supertest';
import { AgentFastPath } from '../src/agent-gateway/agent-fast-path';
import { LivenessWriter } from '../src/agent-gateway/liveness-writer';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs } from './support/http';
import { parseExposition } from './support/prometheus';
import { seedAgentWithService, updateAgent, type SeededAgent } from './support/seed';

/** One request of the matrix, built for the app's own agent (ids and tokens differ between the apps). */
interface Probe {
  name: string;
  method: 'GET' | 'POST';
  path: (a: SeededAgent) => string;
  headers?: (a: SeededAgent) => Record<string, string>;
  body?: (a: SeededAgent) => string;
  /** The fast path must have answered it (false: it must have passed it on). */
  fast: boolean;
}

interface Side {
  t: TestApp;
  agent: SeededAgent;
}

const json = { 'Content-Type': 'application/json' };
const bearer = (a: SeededAgent): Record<string, string> => ({ ...json, Authorization: `Bearer ${a.token}` });
const hb = (a: SeededAgent): string => `/api/agents/${a.agentId}/heartbeat`;
const commands = (a: SeededAgent): string => `/api/agents/${a.agentId}/commands`;
const OTHER_AGENT = 'agt_01HZZZZZZZZZZZZZZZZZZZZZZZ';

const PROBES: Probe[] = [
  { name: 'empty heartbeat', method: 'POST', path: hb, headers: bearer, body: () => '{}', fast: true },
  {
    name: 'heartbeat with health',
    method: 'POST',
    path: hb,
    headers: bearer,
    body: (a) => JSON.stringify({ serviceId: a.serviceId, health: { status: 'DEGRADED', message: 'slow' } }),
    fast: true,
  },
  {
    name: 'health of an unknown service (an error from the service, rendered by the filter)',
    method: 'POST',
    path: hb,
    headers: bearer,
    body: () => JSON.stringify({ serviceId: 'svc_01HZZZZZZZZZZZZZZZZZZZZZZZ', health: { status: 'UP' } }),
    fast: true,
  },
  {
    name: 'charset parameter and a byte-order mark',
    method: 'POST',
    path: hb,
    headers: (a) => ({ ...bearer(a), 'Content-Type': 'application/json; charset=utf-8' }),
    body: () => '\uFEFF{}',
    fast: true,
  },
  { name: 'no token', method: 'POST', path: hb, headers: () => json, body: () => '{}', fast: true },
  {
    name: 'unknown token',
    method: 'POST',
    path: hb,
    headers: () => ({ ...json, Authorization: 'Bearer opstage_agt_nope' }),
    body: () => '{}',
    fast: true,
  },
  {
    name: "another agent's path",
    method: 'POST',
    path: () => `/api/agents/${OTHER_AGENT}/heartbeat`,
    headers: bearer,
    body: () => '{}',
    fast: true,
  },
  { name: 'not JSON', method: 'POST', path: hb, headers: bearer, body: () => '{"a":', fast: false },
  { name: 'an array', method: 'POST', path: hb, headers: bearer, body: () => '[]', fast: false },
  { name: 'an unknown field', method: 'POST', path: hb, headers: bearer, body: () => '{"x":1}', fast: false },
  {
    name: 'a prototype key deep in health details',
    method: 'POST',
    path: hb,
    headers: bearer,
    body: (a) => `{"serviceId":"${a.serviceId}","health":{"status":"UP","details":{"__proto__":{"x":1}}}}`,
    fast: false,
  },
  {
    name: 'invalid health and no token (authentication answers first)',
    method: 'POST',
    path: hb,
    headers: () => json,
    body: () => '{"health":{"status":"FINE"}}',
    fast: false,
  },
  {
    name: 'text/plain',
    method: 'POST',
    path: hb,
    headers: (a) => ({ ...bearer(a), 'Content-Type': 'text/plain' }),
    body: () => '{}',
    fast: false,
  },
  {
    name: 'gzip encoding',
    method: 'POST',
    path: hb,
    headers: (a) => ({ ...bearer(a), 'Content-Encoding': 'gzip' }),
    body: () => '{}',
    fast: false,
  },
  {
    name: 'trailing slash',
    method: 'POST',
    path: (a) => `${hb(a)}/`,
    headers: bearer,
    body: () => '{}',
    fast: false,
  },
  {
    name: 'upper-case path',
    method: 'POST',
    path: (a) => `/API/agents/${a.agentId}/heartbeat`,
    headers: bearer,
    body: () => '{}',
    fast: false,
  },
  { name: 'poll', method: 'GET', path: (a) => `${commands(a)}?waitSeconds=0`, headers: bearer, fast: true },
  { name: 'poll, default query', method: 'GET', path: commands, headers: bearer, fast: true },
  { name: 'poll, limit clamped', method: 'GET', path: (a) => `${commands(a)}?limit=20`, headers: bearer, fast: true },
  {
    name: 'poll, no token',
    method: 'GET',
    path: (a) => `${commands(a)}?waitSeconds=0`,
    headers: () => ({}),
    fast: true,
  },
  {
    name: 'poll, wait too long',
    method: 'GET',
    path: (a) => `${commands(a)}?waitSeconds=31`,
    headers: bearer,
    fast: false,
  },
  { name: 'poll, unknown key', method: 'GET', path: (a) => `${commands(a)}?x=1`, headers: bearer, fast: false },
  // The fast path parses the query itself, with the application's parser (first value, empty dropped, escapes).
  {
    name: 'poll, repeated key and an empty value',
    method: 'GET',
    path: (a) => `${commands(a)}?limit=3&limit=20&waitSeconds=`,
    headers: bearer,
    fast: true,
  },
  {
    name: 'poll, escaped value',
    method: 'GET',
    path: (a) => `${commands(a)}?waitSeconds=%30`,
    headers: bearer,
    fast: true,
  },
  { name: 'poll, a second ?', method: 'GET', path: (a) => `${commands(a)}?limit=2?x`, headers: bearer, fast: false },
  { name: 'poll, leading zero', method: 'GET', path: (a) => `${commands(a)}?limit=05`, headers: bearer, fast: false },
];

/** Status, body and the headers that matter, with this app's ids and the request id made neutral. */
async function send(side: Side, probe: Probe): Promise<Record<string, unknown>> {
  const { t, agent } = side;
  const path = probe.path(agent);
  let req = probe.method === 'GET' ? request(t.server).get(path) : request(t.server).post(path);
  for (const [k, v] of Object.entries(probe.headers?.(agent) ?? {})) req = req.set(k, v);
  const res = probe.body ? await req.send(probe.body(agent)) : await req;
  const text = res.text
    .replaceAll(agent.agentId, '<agent>')
    .replaceAll(agent.serviceId, '<service>')
    .replace(/"requestId":"[^"]+"/g, '"requestId":"<id>"');
  return {
    status: res.status,
    body: text,
    contentType: res.headers['content-type'],
    nosniff: res.headers['x-content-type-options'],
    requestId: typeof res.headers['x-request-id'] === 'string',
  };
}

async function auditTrail(side: Side): Promise<unknown[]> {
  await side.t.app.get(LivenessWriter).flush();
  const rows = await side.t.app
    .get(DataSource)
    .getRepository(AuditEventEntity)
    .find({ order: { createdAt: 'ASC', id: 'ASC' } });
  return rows
    .filter((r) => r.action.startsWith('agent.'))
    .map((r) => ({
      action: r.action,
      result: r.result,
      actorType: r.actorType,
      targetType: r.targetType,
      target: r.targetId === side.agent.agentId ? '<agent>' : r.targetId,
      message: r.message,
      metadata: r.metadataJson.replaceAll(side.agent.agentId, '<agent>'),
    }));
}

async function agentRouteMetrics(side: Side): Promise<string[]> {
  const res = await request(side.t.server).get('/metrics').expect(200);
  return parseExposition(res.text)
    .samples.filter((s) => s.name === 'opstage_http_requests_total' && s.labels.route?.startsWith('/api/agents/'))
    .map((s) => `${s.labels.method} ${s.labels.route} ${s.labels.status} ${s.value}`)
    .sort();
}

/**
 * The agent fast path answers exactly as the ordinary pipeline: the same matrix of requests to an
 * app with it and one without, compared answer by answer, then the audit trail and the HTTP metrics.
 */
describe('agent fast path', () => {
  let fast: Side;
  let slow: Side;

  beforeAll(async () => {
    const env = { OPSTAGE_METRICS_ENABLED: 'true' };
    const fastApp = await createTestApp({ env });
    const slowApp = await createTestApp({ env: { ...env, OPSTAGE_AGENT_FAST_PATH: 'false' } });
    fast = { t: fastApp, agent: await seedAgentWithService(fastApp.app, { actions: [{ name: 'ping' }] }) };
    slow = { t: slowApp, agent: await seedAgentWithService(slowApp.app, { actions: [{ name: 'ping' }] }) };
  });
  afterAll(async () => {
    await fast?.t.close();
    await slow?.t.close();
  });

  it.each(PROBES.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const served = fast.t.app.get(AgentFastPath).served;
    const a = await send(fast, probe);
    const b = await send(slow, probe);
    expect(a).toEqual(b);
    expect(fast.t.app.get(AgentFastPath).served - served).toBe(probe.fast ? 1 : 0);
    expect(slow.t.app.get(AgentFastPath).served).toBe(0);
  });

  it('answers a disabled agent like the guard does (403 AGENT_DISABLED)', async () => {
    for (const side of [fast, slow]) await updateAgent(side.t.app, side.agent.agentId, { status: 'DISABLED' });
    const probe = PROBES[0] as Probe;
    const a = await send(fast, probe);
    expect(a).toMatchObject({ status: 403 });
    expect(a).toEqual(await send(slow, probe));
    for (const side of [fast, slow]) await updateAgent(side.t.app, side.agent.agentId, { status: 'ONLINE' });
  });

  it('leaves the same audit trail and the same HTTP metrics', async () => {
    expect(await auditTrail(fast)).toEqual(await auditTrail(slow));
    const metrics = await agentRouteMetrics(fast);
    expect(metrics).toEqual(await agentRouteMetrics(slow));
    expect(metrics).toContainEqual(expect.stringMatching(/^POST \/api\/agents\/:agentId\/heartbeat 200 \d+$/));
    expect(metrics).toContainEqual(expect.stringMatching(/^GET \/api\/agents\/:agentId\/commands 401 \d+$/));
  });
});

/** A long-poll parked on the fast path is woken by a new command and answered with the ordinary envelope. */
describe('agent fast path, long-poll', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('delivers a command on a parked poll', async () => {
    const agent = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    const admin = await loginAs(t.server);
    const served = t.app.get(AgentFastPath).served;
    const answered = request(t.server)
      .get(`${commands(agent)}?waitSeconds=10`)
      .set('Authorization', `Bearer ${agent.token}`)
      .then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await admin.post(`/api/admin/capsule-services/${agent.serviceId}/actions/ping`, { payload: {} }).expect(200);
    const res = await answered;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, cancelledCommandIds: [], data: [{ actionName: 'ping' }] });
    expect(t.app.get(AgentFastPath).served - served).toBe(1);
  });
});
