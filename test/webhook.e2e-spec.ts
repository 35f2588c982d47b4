import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WebhookNotifierExtension } from '../src/extensions/webhook-notifier/webhook-notifier.extension';
import type { WebhookNotifierOptions } from '../src/extensions/webhook-notifier/webhook-notifier.options';
import { answerNext } from './support/commands-helpers';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent } from './support/agent-flow';
import { seedAgentWithService } from './support/seed';
import { waitFor } from './support/wait';
import { WebhookReceiver, type ReceivedHook } from './support/webhook-receiver';

// Deliveries go through one in-order queue with retries; under a loaded CI machine they need headroom.
jest.setTimeout(60_000);

const SECRET = '0123456789abcdef';

interface Delivery {
  id: string;
  event: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  summary: string;
  deliveredAt: string | null;
}

function verify(hook: ReceivedHook, secret = SECRET): void {
  const expected = `sha256=${createHmac('sha256', secret).update(hook.raw, 'utf8').digest('hex')}`;
  expect(hook.headers['x-opstage-signature']).toBe(expected);
  expect(hook.headers['content-type']).toBe('application/json');
}

async function deliveries(owner: AdminClient, query = ''): Promise<Delivery[]> {
  const res = await owner.get(`/api/ext/webhook-notifier/deliveries?pageSize=100${query}`).expect(200);
  return res.body.data as Delivery[];
}

function settled(owner: AdminClient, id: string, timeoutMs = 20_000): Promise<Delivery> {
  return waitFor(
    async () => (await deliveries(owner)).find((d) => d.id === id && d.status !== 'PENDING'),
    timeoutMs,
    `delivery ${id} settled`,
  );
}

describe('webhook notifier: configured from the environment (built-in)', () => {
  let receiver: WebhookReceiver;
  let t: TestApp;
  let owner: AdminClient;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp({ env: { OPSTAGE_WEBHOOK_URL: receiver.url, OPSTAGE_WEBHOOK_SECRET: SECRET } });
    owner = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('reports its status without revealing the URL path or secret', async () => {
    const res = await owner.get('/api/ext/webhook-notifier/status').expect(200);
    expect(res.body.data).toEqual({
      enabled: true,
      target: new URL(receiver.url).origin,
      signed: true,
      events: ['agent.offline', 'agent.online', 'service.health.changed', 'command.failed'],
      maxAttempts: 3,
      timeoutMs: 5000,
      queueDepth: 0,
    });
  });

  it('sends a signed, Slack-compatible test notification and records the delivery (audited)', async () => {
    const res = await owner.post('/api/ext/webhook-notifier/test').expect(200);
    expect(res.body.data).toEqual({ deliveryId: expect.stringMatching(/^whd_/), status: 'PENDING' });
    const delivery = await settled(owner, res.body.data.deliveryId);
    expect(delivery).toMatchObject({
      event: 'webhook.test',
      status: 'DELIVERED',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
      deliveredAt: expect.any(String),
    });
    const [hook] = receiver.byEvent('webhook.test');
    if (!hook) throw new Error('no test hook received');
    verify(hook);
    expect(hook.headers['x-opstage-delivery']).toBe(delivery.id);
    expect(hook.body).toMatchObject({
      text: ':wave: Test notification from Opstage (requested by admin).',
      event: 'webhook.test',
      deliveryId: delivery.id,
      source: 'opstage',
    });
    const audit = await t.app
      .get(DataSource)
      .query(`SELECT "targetId" FROM audit_events WHERE action = 'ext.webhook-notifier.test_sent'`);
    expect(audit).toEqual([{ targetId: delivery.id }]);
  });

  it('notifies agent offline (from the sweep) and back online, naming the agent; registration is not in the default events', async () => {
    await registerAgent(t.server, owner, 'hook-new-agent');
    const stale = await seedAgentWithService(t.app, {
      code: 'hook-edge-01',
      lastHeartbeatAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    await owner.post('/api/admin/maintenance/run').expect(200);
    const offline = await waitFor(
      () =>
        receiver.byEvent('agent.offline').find((h) => (h.body.data as { agentId: string }).agentId === stale.agentId),
      15_000,
      'offline hook',
    );
    verify(offline);
    expect(offline.body.text).toBe(':red_circle: Agent `hook-edge-01` is OFFLINE: no heartbeat for more than 90 s.');
    expect(offline.body.data).toMatchObject({ agentId: stale.agentId, thresholdSeconds: 90 });

    await asAgent(t.server, stale.token).post(`/api/agents/${stale.agentId}/heartbeat`, {}).expect(200);
    const online = await waitFor(() => receiver.byEvent('agent.online')[0], 15_000, 'online hook');
    verify(online);
    expect(online.body.text).toBe(':large_green_circle: Agent `hook-edge-01` is back ONLINE (was OFFLINE).');
    expect(receiver.byEvent('agent.registered')).toEqual([]);
    await waitFor(
      async () =>
        (await deliveries(owner, '&status=DELIVERED')).filter((d) => d.event.startsWith('agent.')).length === 2,
      15_000,
      'recorded',
    );
  });

  it('notifies failed commands with secrets redacted from the payload', async () => {
    const seeded = await seedAgentWithService(t.app, { code: 'hook-cmd-agent' });
    const leaked = 'opstage_agent_abcdefghijklmnop123456';
    const answered = answerNext(t.server, seeded.agentId, seeded.token, () => ({
      success: false,
      error: { code: 'PING_FAILED', message: `rejected ${leaked}` },
    }));
    await owner.post(`/api/admin/capsule-services/${seeded.serviceId}/actions/ping`, { payload: {} }).expect(200);
    const cmd = await answered;
    const hook = await waitFor(() => receiver.byEvent('command.failed')[0], 15_000, 'command.failed hook');
    verify(hook);
    expect(hook.body.data).toMatchObject({ commandId: cmd.id, errorCode: 'PING_FAILED' });
    expect(hook.raw).not.toContain(leaked);
    expect(hook.raw).toContain('opstage_agent_[REDACTED]');
    expect(hook.raw).not.toContain(SECRET);
    expect(hook.raw).not.toContain(seeded.token);
  });

  it('lists deliveries for operators only', async () => {
    expect((await request(t.server).get('/api/ext/webhook-notifier/deliveries')).status).toBe(401);
    await owner
      .post('/api/admin/users', { username: 'hook-viewer', password: 'hook-viewer-password', role: 'viewer' })
      .expect(200);
    const viewer = await loginAs(t.server, 'hook-viewer', 'hook-viewer-password');
    expect((await viewer.get('/api/ext/webhook-notifier/deliveries')).body.error.code).toBe('FORBIDDEN');
    expect((await viewer.post('/api/ext/webhook-notifier/test')).status).toBe(403);
    const bad = await owner.get('/api/ext/webhook-notifier/deliveries?status=LOST');
    expect(bad.status).toBe(422);
  });
});

describe('webhook notifier: retries, failures and a receiver that never answers', () => {
  let receiver: WebhookReceiver;
  let t: TestApp;
  let owner: AdminClient;
  const fast = (url: string, extra: Partial<WebhookNotifierOptions> = {}): WebhookNotifierOptions => ({
    url,
    secret: SECRET,
    events: ['agent.offline', 'agent.registered'],
    backoffMs: 50,
    timeoutMs: 1000,
    ...extra,
  });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await createTestApp({
      builtInExtensions: false,
      extensions: [WebhookNotifierExtension.forRoot(fast(receiver.url))],
    });
    owner = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const sendTest = async (): Promise<string> =>
    (await owner.post('/api/ext/webhook-notifier/test').expect(200)).body.data.deliveryId as string;

  it('retries a 500 with backoff and delivers the same signed body', async () => {
    receiver.reply(500);
    const id = await sendTest();
    expect(await settled(owner, id)).toMatchObject({
      status: 'DELIVERED',
      attempts: 2,
      responseStatus: 200,
      lastError: null,
    });
    const hooks = receiver.received.filter((h) => h.headers['x-opstage-delivery'] === id);
    expect(hooks).toHaveLength(2);
    expect(hooks[1]?.raw).toBe(hooks[0]?.raw);
    hooks.forEach((h) => verify(h));
    expect((hooks[1]?.at ?? 0) - (hooks[0]?.at ?? 0)).toBeGreaterThanOrEqual(40);
  });

  it('gives up after the attempts on persistent 5xx, and at once on a 4xx', async () => {
    receiver.reply(503, 503, 503);
    const id = await sendTest();
    expect(await settled(owner, id)).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      responseStatus: 503,
      lastError: 'HTTP 503',
      deliveredAt: null,
    });
    receiver.reply(404);
    const gone = await sendTest();
    expect(await settled(owner, gone)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      responseStatus: 404,
      lastError: 'HTTP 404',
    });
  });

  it('survives a receiver that never answers: the request and the sweep are not delayed, the delivery times out to FAILED', async () => {
    receiver.fallback = 'hang';
    const startedAt = Date.now();
    const id = await sendTest();
    const stale = await seedAgentWithService(t.app, {
      code: 'hang-agent',
      lastHeartbeatAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    const sweep = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(sweep.body.data.offlineAgents).toBe(1);
    // Both answered while the first attempt was still hanging: within one attempt's timeout, and the delivery not yet settled.
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect((await deliveries(owner)).find((d) => d.id === id)).toMatchObject({ status: 'PENDING', attempts: 0 });

    const failed = await settled(owner, id, 20_000);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      responseStatus: null,
      lastError: 'timed out after 1000 ms',
    });
    const offline = await waitFor(
      async () => (await deliveries(owner)).find((d) => d.event === 'agent.offline' && d.status === 'FAILED'),
      20_000,
      'offline delivery failed',
    );
    expect(offline.attempts).toBe(3);
    expect(
      receiver.byEvent('agent.offline').every((h) => (h.body.data as { agentId: string }).agentId === stale.agentId),
    ).toBe(true);
    receiver.fallback = 200;
  });

  it('shuts down without waiting for a hanging receiver and resumes the pending delivery after a restart', async () => {
    receiver.fallback = 'hang';
    const { agentId } = await registerAgent(t.server, owner, 'resume-agent');
    const abandoned = await waitFor(() => receiver.byEvent('agent.registered')[0], 15_000, 'hanging attempt started');
    const deliveryId = abandoned.headers['x-opstage-delivery'];
    receiver.fallback = 200;
    const closing = Date.now();
    t = await t.restart();
    expect(Date.now() - closing).toBeLessThan(3000);
    owner = await loginAs(t.server);
    // The abandoned attempt did not count; the resumed delivery sends the same signed body again.
    expect(await settled(owner, String(deliveryId))).toMatchObject({
      event: 'agent.registered',
      status: 'DELIVERED',
      attempts: 1,
    });
    const hooks = receiver.byEvent('agent.registered');
    expect(hooks).toHaveLength(2);
    expect(hooks.map((h) => h.headers['x-opstage-delivery'])).toEqual([deliveryId, deliveryId]);
    expect(hooks[1]?.raw).toBe(abandoned.raw);
    expect((abandoned.body.data as { agentId: string }).agentId).toBe(agentId);
  });
});

describe('webhook notifier: disabled without OPSTAGE_WEBHOOK_URL', () => {
  let t: TestApp;
  let owner: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await loginAs(t.server);
  });
  afterAll(() => t.close());

  it('keeps its table and routes, reports disabled and refuses a test send', async () => {
    expect((await owner.get('/api/ext/webhook-notifier/status').expect(200)).body.data).toMatchObject({
      enabled: false,
      target: null,
      signed: false,
    });
    const res = await owner.post('/api/ext/webhook-notifier/test');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'WEBHOOK_NOT_CONFIGURED',
      message: 'The webhook notifier is disabled: set OPSTAGE_WEBHOOK_URL.',
    });
    await registerAgent(t.server, owner, 'quiet-agent');
    expect(await deliveries(owner)).toEqual([]);
  });
});
