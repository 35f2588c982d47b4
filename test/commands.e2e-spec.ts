import { DataSource } from 'typeorm';
import { CommandEntity } from '../src/commands/command.entity';
import { CountersService } from '../src/system/counters.service';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent, seedAgentWithService, userWithRole, type SeededAgent } from './support/seed';
import { poll, report, waitForSubscribers, type AgentCommand } from './support/commands-helpers';

interface Envelope<T> {
  success: boolean;
  data: T;
  cancelledCommandIds?: string[];
  pagination?: { page: number; pageSize: number; total: number };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

describe('commands: dispatch, long-poll, results, cancel, retry, expiry', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  async function execute(
    a: SeededAgent,
    action = 'ping',
    payload: Record<string, unknown> = {},
    extra: object = {},
  ): Promise<{ status: number; body: Envelope<AgentCommand & Record<string, unknown>> }> {
    const res = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/${action}`, { payload, ...extra });
    return { status: res.status, body: res.body as Envelope<AgentCommand & Record<string, unknown>> };
  }

  it('runs the whole loop: execute → long-poll wakes at once → result → detail', async () => {
    const a = await registerAgent(t.server, admin, 'loop-agent', [
      { name: 'ping', label: 'Ping', inputSchema: { type: 'object', properties: { n: { type: 'integer' } } } },
    ]);
    const began = Date.now();
    const waiting = poll(t.server, a.agentId, a.token, '?waitSeconds=10');
    await waitForSubscribers(t.app, 1);
    const exec = await execute(a, 'ping', { n: 3 });
    expect(exec.status).toBe(200);
    expect(exec.body.data.status).toBe('PENDING');
    expect(exec.body.data.type).toBe('ACTION_EXECUTE');
    const pollRes = await waiting;
    const elapsed = Date.now() - began;
    expect(pollRes.status).toBe(200);
    expect(elapsed).toBeLessThan(2000); // far below the 10 s wait
    const body = pollRes.body as Envelope<AgentCommand[]>;
    expect(body.cancelledCommandIds).toEqual([]);
    expect(body.data).toHaveLength(1);
    const cmd = body.data[0]!;
    expect(cmd.id).toBe(exec.body.data.id);
    expect(cmd.status).toBe('RUNNING');
    expect(cmd.startedAt).toEqual(expect.any(String));
    expect(cmd.payload).toEqual({ n: 3 });

    const result = await report(t.server, a.agentId, a.token, cmd.id, {
      success: true,
      message: 'pong',
      data: { answer: 42, password: 'p@ss' },
    });
    expect(result.status).toBe(200);
    expect((result.body as Envelope<{ data: Record<string, unknown> }>).data.data).toEqual({
      answer: 42,
      password: '[REDACTED]',
    });

    const detail = await admin.get(`/api/admin/commands/${cmd.id}`);
    expect(detail.status).toBe(200);
    const d = (detail.body as Envelope<Record<string, unknown> & { result: Record<string, unknown> }>).data;
    expect(d.status).toBe('SUCCEEDED');
    expect(d.durationMs).toEqual(expect.any(Number));
    expect(d.result).toMatchObject({ success: true, message: 'pong', data: { answer: 42, password: '[REDACTED]' } });
  });

  it('answers a long-poll with an empty list when its wait ends, and immediately without waitSeconds', async () => {
    const a = await seedAgentWithService(t.app);
    const began = Date.now();
    const res = await poll(t.server, a.agentId, a.token, '?waitSeconds=1');
    const elapsed = Date.now() - began;
    expect(res.status).toBe(200);
    expect((res.body as Envelope<unknown[]>).data).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3000);
    const quick = Date.now();
    expect((await poll(t.server, a.agentId, a.token)).status).toBe(200);
    expect(Date.now() - quick).toBeLessThan(500);
  });

  it.each(['limit=0', 'limit=abc', 'limit=2.5', 'waitSeconds=31', 'waitSeconds=-1', 'waitSeconds=x'])(
    'rejects %s with 422',
    async (q) => {
      const a = await seedAgentWithService(t.app);
      const res = await poll(t.server, a.agentId, a.token, `?${q}`);
      expect(res.status).toBe(422);
      expect((res.body as Envelope<unknown>).error?.code).toBe('VALIDATION_FAILED');
    },
  );

  it('claims in creation order and honours limit; polls count', async () => {
    const a = await seedAgentWithService(t.app);
    const counters = t.app.get(CountersService);
    const polls = counters.get('agent.polls');
    const dispatched = counters.get('commands.dispatched');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await execute(a)).body.data.id);
    const first = (await poll(t.server, a.agentId, a.token, '?limit=2')).body as Envelope<AgentCommand[]>;
    expect(first.data.map((c) => c.id)).toEqual(ids.slice(0, 2));
    const second = (await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>;
    expect(second.data.map((c) => c.id)).toEqual([ids[2]]);
    expect(counters.get('agent.polls')).toBe(polls + 2);
    expect(counters.get('commands.dispatched')).toBe(dispatched + 3);
  });

  it('never dispatches one command twice under 20 parallel polls', async () => {
    const a = await seedAgentWithService(t.app);
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await execute(a)).body.data.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => poll(t.server, a.agentId, a.token, '?limit=1')));
    const delivered = results.flatMap((r) => (r.body as Envelope<AgentCommand[]>).data.map((c) => c.id));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(delivered.sort()).toEqual([...created].sort());
    expect(new Set(delivered).size).toBe(delivered.length);
  });

  it('lets exactly one of 20 racing results win', async () => {
    const a = await seedAgentWithService(t.app);
    const id = (await execute(a)).body.data.id;
    await poll(t.server, a.agentId, a.token);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        report(t.server, a.agentId, a.token, id, { success: i % 2 === 0, message: `r${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => (r.body as Envelope<unknown>).error?.code === 'COMMAND_ALREADY_COMPLETED'),
    ).toBe(true);
  });

  it('guards results: other agent 404, never claimed 409, failure fills errorCode, oversized 413', async () => {
    const a = await seedAgentWithService(t.app);
    const b = await seedAgentWithService(t.app);
    const id = (await execute(a)).body.data.id;
    expect((await report(t.server, b.agentId, b.token, id, { success: true })).status).toBe(404);
    const notRunning = await report(t.server, a.agentId, a.token, id, { success: true });
    expect(notRunning.status).toBe(409);
    expect((notRunning.body as Envelope<unknown>).error?.code).toBe('COMMAND_NOT_RUNNING');
    expect((await report(t.server, a.agentId, a.token, id, { success: 'yes' })).status).toBe(422);
    await poll(t.server, a.agentId, a.token);
    const tooBig = await report(t.server, a.agentId, a.token, id, {
      success: true,
      data: { blob: 'x'.repeat(t.config.commandResultMaxBytes + 10) },
    });
    expect(tooBig.status).toBe(413);
    expect((tooBig.body as Envelope<unknown>).error?.code).toBe('COMMAND_RESULT_TOO_LARGE');
    expect(t.app.get(CountersService).get('commands.results.oversized')).toBeGreaterThanOrEqual(1);
    const failed = await report(t.server, a.agentId, a.token, id, {
      success: false,
      error: { code: 'ACTION_HANDLER_NOT_FOUND', message: 'No handler registered for action ping' },
    });
    expect(failed.status).toBe(200);
    const detail = (await admin.get(`/api/admin/commands/${id}`)).body as Envelope<Record<string, unknown>>;
    expect(detail.data).toMatchObject({
      status: 'FAILED',
      errorCode: 'ACTION_HANDLER_NOT_FOUND',
      errorMessage: 'No handler registered for action ping',
    });
    const again = await report(t.server, a.agentId, a.token, id, { success: true });
    expect((again.body as Envelope<unknown>).error?.code).toBe('COMMAND_ALREADY_COMPLETED');
    // A failure without a code gets ACTION_FAILED.
    const id2 = (await execute(a)).body.data.id;
    await poll(t.server, a.agentId, a.token);
    await report(t.server, a.agentId, a.token, id2, { success: false, message: 'boom', error: { code: 42 } });
    const d2 = (await admin.get(`/api/admin/commands/${id2}`)).body as Envelope<Record<string, unknown>>;
    expect(d2.data).toMatchObject({ errorCode: 'ACTION_FAILED', errorMessage: 'boom' });
  });

  it('cancels PENDING and RUNNING commands; the agent learns RUNNING cancels once (poll and heartbeat)', async () => {
    const a = await seedAgentWithService(t.app);
    const pending = (await execute(a)).body.data.id;
    const cancelPending = await admin.post(`/api/admin/commands/${pending}/cancel`);
    expect(cancelPending.status).toBe(200);
    expect((cancelPending.body as Envelope<Record<string, unknown>>).data.status).toBe('CANCELLED');
    expect((await admin.post(`/api/admin/commands/${pending}/cancel`)).body).toMatchObject({
      error: { code: 'COMMAND_ALREADY_COMPLETED' },
    });

    const running = (await execute(a)).body.data.id;
    const claimed = (await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>;
    expect(claimed.data.map((c) => c.id)).toEqual([running]);
    // A held long-poll is woken by the cancel of one of its RUNNING commands.
    const waiting = poll(t.server, a.agentId, a.token, '?waitSeconds=10');
    await waitForSubscribers(t.app, 1);
    expect((await admin.post(`/api/admin/commands/${running}/cancel`)).status).toBe(200);
    const woke = (await waiting).body as Envelope<AgentCommand[]>;
    expect(woke.data).toEqual([]);
    expect(woke.cancelledCommandIds).toEqual([running]);
    expect(((await poll(t.server, a.agentId, a.token)).body as Envelope<unknown>).cancelledCommandIds).toEqual([]);
    const late = await report(t.server, a.agentId, a.token, running, { success: true });
    expect((late.body as Envelope<unknown>).error?.code).toBe('COMMAND_ALREADY_COMPLETED');

    const second = (await execute(a)).body.data.id;
    await poll(t.server, a.agentId, a.token);
    await admin.post(`/api/admin/commands/${second}/cancel`);
    // The heartbeat response carries the same field (built by the agent gateway), once.
    const hb = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {});
    expect(hb.status).toBe(200);
    expect((hb.body as Envelope<{ cancelledCommandIds: string[] }>).data.cancelledCommandIds).toEqual([second]);
    expect(((await poll(t.server, a.agentId, a.token)).body as Envelope<unknown>).cancelledCommandIds).toEqual([]);
  });

  it('retries only failed/expired/cancelled ACTION_EXECUTE commands, linking retryOfCommandId', async () => {
    const a = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }, { name: 'wipe', dangerLevel: 'HIGH' }] });
    const id = (await execute(a)).body.data.id;
    const pendingRetry = await admin.post(`/api/admin/commands/${id}/retry`);
    expect(pendingRetry.status).toBe(409);
    expect((pendingRetry.body as Envelope<unknown>).error?.code).toBe('COMMAND_NOT_RETRYABLE');
    await poll(t.server, a.agentId, a.token);
    await report(t.server, a.agentId, a.token, id, { success: false, error: { code: 'X' } });
    const retry = await admin.post(`/api/admin/commands/${id}/retry`);
    expect(retry.status).toBe(200);
    const retried = (retry.body as Envelope<Record<string, unknown>>).data;
    expect(retried).toMatchObject({ status: 'PENDING', retryOfCommandId: id, actionName: 'ping', agentId: a.agentId });
    expect(retried.id).not.toBe(id);

    const ok = (await execute(a)).body.data.id;
    await poll(t.server, a.agentId, a.token);
    await report(t.server, a.agentId, a.token, retried.id as string, { success: true });
    await report(t.server, a.agentId, a.token, ok, { success: true });
    expect(((await admin.post(`/api/admin/commands/${ok}/retry`)).body as Envelope<unknown>).error?.code).toBe(
      'COMMAND_NOT_RETRYABLE',
    );

    // Retry re-runs the execute checks: confirmation for HIGH actions.
    const wipe = (await execute(a, 'wipe', {}, { confirmation: true })).body.data.id;
    await admin.post(`/api/admin/commands/${wipe}/cancel`);
    expect(((await admin.post(`/api/admin/commands/${wipe}/retry`)).body as Envelope<unknown>).error?.code).toBe(
      'ACTION_REQUIRES_CONFIRMATION',
    );
    expect((await admin.post(`/api/admin/commands/${wipe}/retry`, { confirmation: true })).status).toBe(200);
    expect((await admin.post('/api/admin/commands/cmd_unknown/retry')).status).toBe(404);
  });

  it('treats overdue commands as EXPIRED at read time: not polled, listed EXPIRED, persisted by the sweep hook', async () => {
    const a = await seedAgentWithService(t.app);
    const id = (await execute(a)).body.data.id;
    const repo = t.app.get(DataSource).getRepository(CommandEntity);
    await repo.update({ id }, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(((await poll(t.server, a.agentId, a.token)).body as Envelope<unknown[]>).data).toEqual([]);
    const list = (await admin.get(`/api/admin/commands?agentId=${a.agentId}&status=EXPIRED`)).body as Envelope<
      Record<string, unknown>[]
    >;
    expect(list.data.map((c) => c.id)).toEqual([id]);
    expect(list.data[0]!.status).toBe('EXPIRED');
    expect(
      ((await admin.get(`/api/admin/commands?agentId=${a.agentId}&status=PENDING`)).body as Envelope<unknown[]>).data,
    ).toEqual([]);
    const { CommandsService } = await import('../src/commands/commands.service');
    const nowIso = new Date().toISOString();
    expect((await t.app.get(CommandsService).expireDue(nowIso, nowIso, 100)).expired).toBeGreaterThanOrEqual(1);
    const row = await repo.findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'EXPIRED', errorCode: 'COMMAND_EXPIRED' });
    // Retry of an expired command is allowed.
    expect((await admin.post(`/api/admin/commands/${id}/retry`)).status).toBe(200);
  });

  it('lists with filters and pagination, validates the query, and enforces roles', async () => {
    const a = await seedAgentWithService(t.app);
    for (let i = 0; i < 3; i += 1) await execute(a);
    const page = (await admin.get(`/api/admin/commands?serviceId=${a.serviceId}&pageSize=2`)).body as Envelope<
      Record<string, unknown>[]
    >;
    expect(page.data).toHaveLength(2);
    expect(page.pagination).toEqual({ page: 1, pageSize: 2, total: 3 });
    expect(String(page.data[0]!.createdAt) >= String(page.data[1]!.createdAt)).toBe(true);
    expect((await admin.get('/api/admin/commands?status=DONE')).status).toBe(422);
    expect((await admin.get('/api/admin/commands?agentId=x')).status).toBe(422);
    expect((await admin.get('/api/admin/commands?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z')).status).toBe(422);
    expect((await admin.get('/api/admin/commands/cmd_nope')).body).toMatchObject({
      error: { code: 'COMMAND_NOT_FOUND' },
    });
    const viewer = await userWithRole(t.server, admin, 'cmd-viewer', 'viewer');
    expect((await viewer.get(`/api/admin/commands?serviceId=${a.serviceId}`)).status).toBe(200);
    const id = page.data[0]!.id as string;
    expect((await viewer.post(`/api/admin/commands/${id}/cancel`)).status).toBe(403);
    expect((await viewer.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} })).status).toBe(
      403,
    );
  });

  it('releases a held long-poll when the client disconnects', async () => {
    const a = await seedAgentWithService(t.app);
    const { asAgent } = await import('./support/http');
    const req = asAgent(t.server, a.token).get(`/api/agents/${a.agentId}/commands?waitSeconds=20`).timeout(150);
    await expect(Promise.resolve(req)).rejects.toBeDefined();
    const notifier = t.app.get((await import('../src/commands/command-notifier')).CommandNotifier);
    const until = Date.now() + 2000;
    while (notifier.size() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(notifier.size()).toBe(0);
  });

  it('answers held long-polls when the application shuts down', async () => {
    const own = await createTestApp();
    const a = await seedAgentWithService(own.app);
    const began = Date.now();
    const held = poll(own.server, a.agentId, a.token, '?waitSeconds=20');
    await waitForSubscribers(own.app, 1);
    await own.close();
    const res = await held;
    expect(Date.now() - began).toBeLessThan(5000);
    expect(res.status).toBe(200);
    expect((res.body as Envelope<unknown[]>).data).toEqual([]);
  });
});
