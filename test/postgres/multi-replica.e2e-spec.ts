import { MemoryTokenStore } from '@opstage/agent-node';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { ClusterBus } from '../../src/cluster/cluster-bus';
import { listenerApplicationName } from '../../src/cluster/cluster.module';
import { PostgresClusterBus } from '../../src/cluster/postgres-cluster-bus';
import { LiveEventHub } from '../../src/live-events/live-event-hub';
import { RuntimeSettingsService } from '../../src/settings/runtime-settings.service';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/create-test-app';
import { asAgent, loginAs, type AdminClient } from '../support/http';
import { adminUrl, createTestDatabase, dropTestDatabase } from '../support/postgres/test-database';
import { echoAction, type Envelope, type Harness, isPoll, SdkTestBed } from '../support/sdk-harness';
import { seedAgentWithService } from '../support/seed';
import { openLiveStream, sessionCookie, type LiveStream, type WireEvent } from '../support/sse-stream';
import { sleep, waitFor } from '../support/wait';

/**
 * Three replicas (three Nest apps, each on its own loopback port) on one PostgreSQL database
 * behave like one server: the real SDK agent long-polls replica 1 while operators act on
 * replicas 2 and 3; cancels, settings, logouts, disables and token revocations made on one
 * replica hold on the others at once; live events reach every replica's streams once; and a
 * LISTEN connection lost while a command is created still delivers that command.
 */
jest.setTimeout(90_000);

interface Session {
  cookie: string;
  csrfToken: string;
}

async function login(t: TestApp, username: string, password: string): Promise<Session> {
  const res = await request(t.server).post('/api/admin/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return {
    cookie: setCookie.map((c) => c.split(';')[0]).join('; '),
    csrfToken: (res.body as Envelope<{ csrfToken: string }>).data.csrfToken,
  };
}

function me(t: TestApp, session: Session): Promise<number> {
  return request(t.server)
    .get('/api/admin/auth/me')
    .set('Cookie', session.cookie)
    .then((res) => res.status);
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('three replicas on one PostgreSQL database', () => {
  let database: string;
  let replicas: [TestApp, TestApp, TestApp];
  let admins: [AdminClient, AdminClient, AdminClient];
  let bed: SdkTestBed;
  let h: Harness;
  const echoes: { at: number; commandId: string }[] = [];
  const slow: { startedAt?: number; abortedAt?: number; commandId?: string } = {};
  const streams: LiveStream[] = [];
  const latencies: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const started: TestApp[] = [];
    for (const id of ['r1', 'r2', 'r3']) {
      started.push(await createTestApp({ database, listen: true, env: { OPSTAGE_REPLICA_ID: id } }));
    }
    replicas = started as [TestApp, TestApp, TestApp];
    admins = (await Promise.all(replicas.map((t) => loginAs(t.server)))) as [AdminClient, AdminClient, AdminClient];
    const [r1] = replicas;
    // The agent talks to replica 1; the operator of the bed works on replica 2.
    bed = new SdkTestBed(r1, admins[1], `http://127.0.0.1:${(r1.server.address() as AddressInfo).port}`);
    h = bed.harness({
      code: 'multi-replica',
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken('multi-replica'),
      setup: (agent) => {
        echoAction(agent, (at, _payload, ctx) => echoes.push({ at, commandId: ctx.commandId }));
        agent.action({
          name: 'tune',
          label: 'Tune',
          inputSchema: { type: 'object', properties: { limit: { type: 'integer' } } },
          prepare: () => ({ initialPayload: { limit: 7 }, currentState: { version: 3 } }),
          handler: () => undefined,
        });
        agent.action({
          name: 'slow-task',
          label: 'Slow task',
          timeoutSeconds: 60,
          handler: (_payload, ctx) =>
            new Promise((resolve) => {
              slow.startedAt = Date.now();
              slow.commandId = ctx.commandId;
              ctx.signal.addEventListener(
                'abort',
                () => {
                  slow.abortedAt = Date.now();
                  resolve({ aborted: true });
                },
                { once: true },
              );
            }),
        });
      },
    });
  });
  let starting: Promise<void> | undefined;
  const agentRunning = (): Promise<void> => (starting ??= h.agent.start());

  afterAll(async () => {
    // Visible in the jest output: the cross-replica latencies measured in this run.
    console.log(`multi-replica latencies (ms): ${JSON.stringify(latencies)}`);
    for (const s of streams.splice(0)) s.close();
    await bed?.stopAll();
    for (const t of replicas ?? []) await t.close();
    if (database) await dropTestDatabase(database);
  });

  it('runs each replica on its own PostgreSQL bus', () => {
    for (const t of replicas) {
      expect(t.app.get(ClusterBus)).toBeInstanceOf(PostgresClusterBus);
      expect(t.app.get(ClusterBus).state()).toMatchObject({ kind: 'postgres', status: 'connected' });
    }
  });

  it('an execute on replica 2 reaches the agent long-polling replica 1 in under a second', async () => {
    await agentRunning();
    await bed.heldLongPoll(h);
    const exec = await bed.execute(h.agent.serviceId!, 'echo', { message: 'across' });
    const run = await waitFor(() => echoes.find((e) => e.commandId === exec.id), 5000, 'echo handler started');
    latencies.executeOnR2ToHandlerOnR1 = run.at - exec.sentAt;
    expect(run.at - exec.sentAt).toBeLessThan(1000);
    await bed.waitForStatus(exec.id, 'SUCCEEDED', admins[2]);
  });

  it("a cancel made on replica 3 reaches the agent's running handler", async () => {
    await agentRunning();
    const exec = await bed.execute(h.agent.serviceId!, 'slow-task', {});
    await waitFor(() => slow.startedAt, 5000, 'slow handler started');
    expect(slow.commandId).toBe(exec.id);
    await bed.waitForStatus(exec.id, 'RUNNING', admins[2]);
    const cancelSentAt = Date.now();
    const cancel = await admins[2].post(`/api/admin/commands/${exec.id}/cancel`);
    expect(cancel.status).toBe(200);
    const abortedAt = await waitFor(() => slow.abortedAt, 5000, 'handler aborted');
    latencies.cancelOnR3ToAbort = abortedAt - cancelSentAt;
    expect(abortedAt - cancelSentAt).toBeLessThan(2000);
    expect((await bed.commandDetail(exec.id, admins[0])).status).toBe('CANCELLED');
  });

  it("a prepare waiting on replica 3 is answered by the agent's result posted to replica 1", async () => {
    await agentRunning();
    await bed.heldLongPoll(h);
    const began = Date.now();
    const res = await admins[2].post(`/api/admin/capsule-services/${h.agent.serviceId!}/actions/tune/prepare`);
    expect(res.status).toBe(200);
    expect((res.body as Envelope<{ initialPayload: unknown; currentState: unknown }>).data).toMatchObject({
      initialPayload: { limit: 7 },
      currentState: { version: 3 },
    });
    // Answered when the result arrived, not at the prepare timeout.
    latencies.prepareOnR3RoundTrip = Date.now() - began;
    expect(Date.now() - began).toBeLessThan(2000);
  });

  it('a settings change on one replica is in force on the others at once', async () => {
    const patch = await admins[0].patch('/api/admin/settings/maintenance', { agentOfflineThresholdSeconds: 321 });
    expect(patch.status).toBe(200);
    for (const admin of [admins[1], admins[2]]) {
      const view = await admin.get('/api/admin/settings/maintenance');
      expect((view.body as Envelope<{ agentOfflineThresholdSeconds: number }>).data.agentOfflineThresholdSeconds).toBe(
        321,
      );
    }
    // The hot paths' cache follows within one notification.
    for (const t of [replicas[1], replicas[2]]) {
      await waitFor(
        () => t.app.get(RuntimeSettingsService).get().agentOfflineThresholdSeconds === 321,
        1000,
        'cached setting',
      );
    }
    await admins[2].delete('/api/admin/settings/maintenance').expect(200);
    await waitFor(
      () => replicas[0].app.get(RuntimeSettingsService).get().agentOfflineThresholdSeconds !== 321,
      1000,
      'reset reached replica 1',
    );
  });

  it('a logout, a disable or a role change on one replica ends the session on every replica', async () => {
    const created = await admins[0].post('/api/admin/users', {
      username: 'replica-op',
      password: 'replica-op-password-123',
      role: 'operator',
    });
    expect(created.status).toBe(200);
    const userId = (created.body as Envelope<{ id: string }>).data.id;
    const [r1, r2, r3] = replicas;

    const first = await login(r1, 'replica-op', 'replica-op-password-123');
    expect([await me(r1, first), await me(r2, first), await me(r3, first)]).toEqual([200, 200, 200]);
    const logout = await request(r2.server)
      .post('/api/admin/auth/logout')
      .set('Cookie', first.cookie)
      .set('X-CSRF-Token', first.csrfToken);
    expect(logout.status).toBe(200);
    expect([await me(r1, first), await me(r2, first), await me(r3, first)]).toEqual([401, 401, 401]);

    const second = await login(r3, 'replica-op', 'replica-op-password-123');
    expect(await me(r1, second)).toBe(200);
    await admins[1].patch(`/api/admin/users/${userId}`, { role: 'viewer' }).expect(200);
    expect([await me(r1, second), await me(r3, second)]).toEqual([401, 401]);

    const third = await login(r1, 'replica-op', 'replica-op-password-123');
    expect(await me(r3, third)).toBe(200);
    await admins[2].patch(`/api/admin/users/${userId}`, { status: 'DISABLED' }).expect(200);
    expect([await me(r1, third), await me(r2, third), await me(r3, third)]).toEqual([401, 401, 401]);
  });

  it('an agent token revoked on one replica is refused by every replica at once', async () => {
    const seeded = await seedAgentWithService(replicas[0].app, { code: 'revoked-across' });
    for (const t of replicas) {
      await asAgent(t.server, seeded.token).post(`/api/agents/${seeded.agentId}/heartbeat`, {}).expect(200);
    }
    await admins[1].post(`/api/admin/agents/${seeded.agentId}/revoke`).expect(200);
    for (const t of replicas) {
      await asAgent(t.server, seeded.token).post(`/api/agents/${seeded.agentId}/heartbeat`, {}).expect(401);
    }
  });

  it('live events published on one replica reach the streams of every replica, once each', async () => {
    const [r1, r2, r3] = replicas;
    const cookie1 = await sessionCookie(r1, TEST_ADMIN.username, TEST_ADMIN.password);
    const cookie3 = await sessionCookie(r3, TEST_ADMIN.username, TEST_ADMIN.password);
    const s1 = await openLiveStream(r1, cookie1);
    const s3 = await openLiveStream(r3, cookie3);
    streams.push(s1, s3);
    await waitFor(() => s1.connected() && s3.connected(), 2000, 'streams connected');
    // Replica 2 has no stream of its own: it publishes because the others announced their watchers.
    await waitFor(() => r2.app.get(LiveEventHub).active, 2000, 'replica 2 knows someone watches');
    expect(r2.app.get(LiveEventHub).size).toBe(0);

    const seeded = await seedAgentWithService(r2.app, { code: 'live-across' });
    await admins[1].post(`/api/admin/agents/${seeded.agentId}/disable`).expect(200);
    const isDisable = (e: WireEvent): boolean => e.type === 'audit' && e.data?.action === 'agent.disabled';
    await waitFor(() => s1.events().some(isDisable) && s3.events().some(isDisable), 2000, 'agent.disabled');
    await sleep(300);
    const about = (s: LiveStream): string[] =>
      s
        .events()
        .filter((e) => e.ids.includes(seeded.agentId))
        .map((e) => `${e.type}:${String(e.data?.action)}:${e.at}`);
    expect(about(s1)).toEqual(about(s3));
    expect(new Set(about(s1)).size).toBe(about(s1).length);
    expect(about(s1).filter((e) => e.startsWith('audit:agent.disabled:'))).toHaveLength(1);
  });

  it('a command created while the LISTEN connection is down is still delivered (one re-check)', async () => {
    const [r1, r2] = replicas;
    const bus1 = r1.app.get<ClusterBus, PostgresClusterBus>(ClusterBus);
    const bus2 = r2.app.get<ClusterBus, PostgresClusterBus>(ClusterBus);
    const reconnectsBefore = bus1.state().reconnects;
    await agentRunning();
    // A command just delivered makes the agent park a fresh long-poll (25 s ahead), and warms replica 2's
    // pool, so it keeps working while new connections to the database are refused below.
    const warm = await bed.execute(h.agent.serviceId!, 'echo', { message: 'warm-up' });
    await waitFor(() => echoes.find((e) => e.commandId === warm.id), 5000, 'warm-up echo');
    await bed.waitForStatus(warm.id, 'SUCCEEDED');
    await bed.heldLongPoll(h);
    await withAdminClient(async (admin) => {
      await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
      try {
        const killed = await admin.query(
          'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
          [database, listenerApplicationName('r1')],
        );
        expect(killed.rows).toEqual([{ done: true }]);
        await waitFor(() => bus1.state().status === 'reconnecting', 2000, 'replica 1 lost its listener');
        expect(bus1.state().lastErrorCode).toBe('57P01');

        const exec = await bed.execute(h.agent.serviceId!, 'echo', { message: 'lost wake-up' });
        await bus2.drain();
        // The wake-up went out while replica 1 was not listening: the parked poll did not hear it.
        await sleep(700);
        expect(echoes.find((e) => e.commandId === exec.id)).toBeUndefined();
        expect(bus1.state().status).toBe('reconnecting');

        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
        const allowedAt = Date.now();
        const run = await waitFor(() => echoes.find((e) => e.commandId === exec.id), 15_000, 'echo after reconnect');
        expect(bus1.state()).toMatchObject({ status: 'connected', reconnects: reconnectsBefore + 1 });
        // Delivered to the poll that was parked all along, by the reconnect's re-check: no new poll began.
        expect(h.requests.filter((r) => isPoll(r) && r.startedAt >= exec.sentAt && r.startedAt <= run.at)).toEqual([]);
        latencies.connectionsAllowedToDelivery = run.at - allowedAt;
        expect(Date.now() - allowedAt).toBeLessThan(8000);
        await bed.waitForStatus(exec.id, 'SUCCEEDED');
      } finally {
        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      }
    });
  });
});
