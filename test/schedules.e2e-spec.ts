import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { MemoryTokenStore, type JsonObject } from '@opstage/agent-node';
import { ScheduleTicker } from '../src/maintenance/schedule-ticker';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { echoAction, SdkTestBed, type Envelope, type Harness } from './support/sdk-harness';
import { seedAgentWithService, userWithRole } from './support/seed';
import { waitFor } from './support/wait';
import type { PublicCommand, ScheduleResponse, ScheduleRunResponse } from '../src/contracts';

/**
 * Scheduled actions (docs/schedules.md) through real HTTP, a real SQLite file (or PostgreSQL in e2e-pg) and the real
 * SDK agent. Time is a FixedClock and the ticker is driven by hand (`tick()`), so every planned time is exact.
 */
jest.setTimeout(60_000);

const MINUTE = 60_000;
const issuesOf = (res: request.Response): { path: string }[] =>
  (res.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues;

describe('Schedules (docs/schedules.md)', () => {
  // On a minute boundary, so cron times are easy to reason about.
  const clock = new FixedClock(new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + 5_000));
  let bed: SdkTestBed;
  let t: TestApp;
  let owner: AdminClient;
  let viewer: AdminClient;
  let h: Harness;
  let serviceId: string;
  const secretsSeen: JsonObject[] = [];
  let releaseSlow: () => void = () => undefined;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, clock });
    owner = await loginAs(t.server);
    viewer = await userWithRole(t.server, owner, 'vera', 'viewer');
    bed = new SdkTestBed(t, owner, `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
    h = bed.harness({
      code: 'sched',
      tokenStore: new MemoryTokenStore(),
      registrationToken: await bed.registrationToken('sched'),
      setup: (a) => {
        echoAction(a);
        a.action({
          name: 'rotate',
          label: 'Rotate',
          inputSchema: {
            type: 'object',
            required: ['password'],
            // The server redacts the schema of secret-named properties, so the rule sits on `user`.
            properties: { password: { type: 'string' }, user: { type: 'string', minLength: 2 } },
          },
          handler: (payload) => {
            secretsSeen.push(payload);
            return { rotated: true };
          },
        });
        a.action({ name: 'purge', label: 'Purge', dangerLevel: 'HIGH', handler: () => ({ purged: true }) });
        a.action({ name: 'wipe', label: 'Wipe', dangerLevel: 'CRITICAL', handler: () => ({ wiped: true }) });
        a.action({
          name: 'slow',
          label: 'Slow',
          handler: () =>
            new Promise((resolve) => {
              releaseSlow = () => resolve({ done: true });
            }),
        });
      },
    });
    await h.agent.start();
    serviceId = h.agent.serviceId!;
  });

  afterAll(async () => {
    releaseSlow();
    await bed.stopAll();
    await t.close();
  });

  /** Ticks once the agent has heartbeated at the (moved) clock time, so a run is not refused as from a stale agent. */
  async function tick(): Promise<void> {
    const now = clock.nowMs();
    await waitFor(
      async () => {
        const agent = await bed.agentDetail(h.agent.agentId!);
        return Date.parse(agent.lastHeartbeatAt ?? '') >= now ? true : undefined;
      },
      5000,
      'a heartbeat at the current clock time',
    );
    await t.app.get(ScheduleTicker).tick();
  }

  async function create(body: Record<string, unknown>, client: AdminClient = owner): Promise<ScheduleResponse> {
    const res = await client.post('/api/admin/schedules', { name: 'nightly', serviceId, ...body });
    if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Envelope<ScheduleResponse>).data;
  }

  async function runs(id: string): Promise<ScheduleRunResponse[]> {
    const res = await owner.get(`/api/admin/schedules/${id}/runs?pageSize=100`).expect(200);
    return (res.body as Envelope<ScheduleRunResponse[]>).data;
  }

  async function audit(id: string): Promise<string[]> {
    const res = await owner.get(`/api/admin/audit-events?targetType=Schedule&targetId=${id}&pageSize=100`).expect(200);
    return (res.body as Envelope<{ action: string }[]>).data.map((e) => e.action).sort();
  }

  it('creates, lists, reads, edits and deletes a schedule, each change audited', async () => {
    const created = await create({
      actionName: 'echo',
      kind: 'cron',
      cron: '0 9 * * *',
      timeZone: 'Europe/Berlin',
      payload: { message: 'hi' },
    });
    expect(created).toMatchObject({
      name: 'nightly',
      serviceId,
      serviceName: 'Service sched',
      actionName: 'echo',
      kind: 'cron',
      cron: '0 9 * * *',
      runAt: null,
      timeZone: 'Europe/Berlin',
      payload: { message: 'hi' },
      enabled: true,
      skipIfRunning: false,
      lastRunAt: null,
      lastCommandId: null,
    });
    expect(created.id).toMatch(/^sch_/);
    expect(created.nextRuns).toHaveLength(5);
    // 09:00 in Berlin is 07:00 or 08:00 UTC, depending on the season.
    for (const at of created.nextRuns) expect(at).toMatch(/T0[78]:00:00\.000Z$/);

    const list = await viewer.get(`/api/admin/schedules?serviceId=${serviceId}`).expect(200);
    expect((list.body as Envelope<ScheduleResponse[]>).data.map((s) => s.id)).toContain(created.id);
    expect(list.body.pagination).toMatchObject({ page: 1, pageSize: 20 });
    const other = await viewer.get('/api/admin/schedules?serviceId=svc_none').expect(200);
    expect(other.body.data).toEqual([]);
    await viewer.get(`/api/admin/schedules/${created.id}`).expect(200);

    const edited = await owner.patch(`/api/admin/schedules/${created.id}`, { name: 'hourly', cron: '15 * * * *' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.name).toBe('hourly');
    for (const at of edited.body.data.nextRuns as string[]) expect(at).toMatch(/:15:00\.000Z$/);

    const deleted = await owner.delete(`/api/admin/schedules/${created.id}`).expect(200);
    expect(deleted.body).toEqual({ success: true, data: { deleted: true } });
    const gone = await owner.get(`/api/admin/schedules/${created.id}`).expect(404);
    expect(gone.body.error.code).toBe('SCHEDULE_NOT_FOUND');
    expect((await owner.delete(`/api/admin/schedules/${created.id}`)).status).toBe(404);
    expect((await owner.get(`/api/admin/schedules/${created.id}/runs`)).status).toBe(404);
    expect(await audit(created.id)).toEqual(['schedule.created', 'schedule.deleted', 'schedule.updated']);
  });

  it('answers bad cron expressions, zones, times and payloads with 422 and their paths', async () => {
    const post = (body: Record<string, unknown>) =>
      owner.post('/api/admin/schedules', { name: 'bad', serviceId, actionName: 'echo', ...body });
    const bad = await post({ kind: 'cron', cron: '61 * * * *', timeZone: 'Mars/Olympus', payload: { n: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(
      issuesOf(bad)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['cron', 'payload.n', 'timeZone']);
    expect(issuesOf(await post({ kind: 'cron', cron: '* * * * * *' }).expect(422))[0]?.path).toBe('cron');
    expect(issuesOf(await post({ kind: 'cron' }).expect(422))[0]?.path).toBe('cron');
    const past = new Date(clock.nowMs() - MINUTE).toISOString();
    expect(issuesOf(await post({ kind: 'once', runAt: past }).expect(422))[0]?.path).toBe('runAt');
    expect(issuesOf(await post({ kind: 'once', runAt: 'tomorrow' }).expect(422))[0]?.path).toBe('runAt');
    expect(issuesOf(await post({ kind: 'once' }).expect(422))[0]?.path).toBe('runAt');
    expect(issuesOf(await post({ kind: 'weekly' }).expect(422))[0]?.path).toBe('kind');
    expect(issuesOf(await post({ kind: 'cron', cron: '* * * * *', payload: 'x' }).expect(422))[0]?.path).toBe(
      'payload',
    );
    const rotate = await owner.post('/api/admin/schedules', {
      name: 'r',
      serviceId,
      actionName: 'rotate',
      kind: 'cron',
      cron: '* * * * *',
      payload: { user: 'a' },
    });
    expect(rotate.status).toBe(422);
    expect(
      issuesOf(rotate)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['payload.password', 'payload.user']);
    expect((await post({ kind: 'cron', cron: '* * * * *', actionName: 'nope' })).body.error.code).toBe(
      'ACTION_NOT_FOUND',
    );
    const created = await create({ actionName: 'echo', kind: 'cron', cron: '* * * * *' });
    const patch = await owner.patch(`/api/admin/schedules/${created.id}`, { timeZone: 'Nowhere', payload: { n: 1.5 } });
    expect(
      issuesOf(patch)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['payload.n', 'timeZone']);
    await owner.delete(`/api/admin/schedules/${created.id}`).expect(200);
  });

  it('lets viewers read but not change schedules (403), and asks for confirmation of dangerous actions', async () => {
    const created = await create({ actionName: 'echo', kind: 'cron', cron: '* * * * *' });
    expect(
      (
        await viewer.post('/api/admin/schedules', {
          name: 'v',
          serviceId,
          actionName: 'echo',
          kind: 'cron',
          cron: '* * * * *',
        })
      ).status,
    ).toBe(403);
    expect((await viewer.patch(`/api/admin/schedules/${created.id}`, { enabled: false })).status).toBe(403);
    expect((await viewer.delete(`/api/admin/schedules/${created.id}`)).status).toBe(403);
    await viewer.get(`/api/admin/schedules/${created.id}/runs`).expect(200);
    await owner.delete(`/api/admin/schedules/${created.id}`).expect(200);

    const unconfirmed = await owner.post('/api/admin/schedules', {
      name: 'p',
      serviceId,
      actionName: 'purge',
      kind: 'cron',
      cron: '0 3 * * *',
    });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe('ACTION_REQUIRES_CONFIRMATION');
    const confirmed = await create({ actionName: 'purge', kind: 'cron', cron: '0 3 * * *', confirm: true });
    const reTimed = await owner.patch(`/api/admin/schedules/${confirmed.id}`, { cron: '0 4 * * *' });
    expect(reTimed.body.error.code).toBe('ACTION_REQUIRES_CONFIRMATION');
    await owner.patch(`/api/admin/schedules/${confirmed.id}`, { enabled: false }).expect(200);
    await owner.delete(`/api/admin/schedules/${confirmed.id}`).expect(200);
  });

  it('keeps a token limited to labelled services to their schedules', async () => {
    const res = await owner.post('/api/admin/api-tokens', {
      name: 'ci',
      role: 'operator',
      serviceAccount: 'ci-bot',
      scope: ['team:billing'],
    });
    const token = (res.body as Envelope<{ token: string }>).data.token;
    const auth = (r: request.Test): request.Test => r.set('Authorization', `Bearer ${token}`);
    const mine = await create({ actionName: 'echo', kind: 'cron', cron: '* * * * *' });
    const refused = await auth(request(t.server).post('/api/admin/schedules')).send({
      name: 'x',
      serviceId,
      actionName: 'echo',
      kind: 'cron',
      cron: '* * * * *',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('API_TOKEN_OUT_OF_SCOPE');
    const list = await auth(request(t.server).get('/api/admin/schedules')).expect(200);
    expect(list.body.data).toEqual([]);
    expect((await auth(request(t.server).get(`/api/admin/schedules/${mine.id}`))).status).toBe(403);
    await owner.delete(`/api/admin/schedules/${mine.id}`).expect(200);
  });

  it('runs a due once schedule as a command created by the schedule, secrets sealed, and the agent runs it', async () => {
    const runAt = new Date(clock.nowMs() + 30_000).toISOString();
    const created = await create({
      actionName: 'rotate',
      kind: 'once',
      runAt,
      payload: { password: 's3cret-value', user: 'app' },
    });
    expect(created.payload).toEqual({ password: '********', user: 'app' });
    expect(created.nextRuns).toEqual([runAt]);
    await tick();
    expect(await runs(created.id)).toEqual([]);

    clock.advance(31_000);
    await tick();
    const [run] = await runs(created.id);
    expect(run).toMatchObject({ plannedAt: runAt, outcome: 'started', error: null });
    const command = (await owner.get(`/api/admin/commands/${run!.commandId}`).expect(200)).body.data as PublicCommand;
    expect(command).toMatchObject({ createdByType: 'SCHEDULE', createdById: created.id, actionName: 'rotate' });
    expect(command.payload).toEqual({ password: '[REDACTED]', user: 'app' });
    await bed.waitForStatus(command.id, 'SUCCEEDED');
    expect(secretsSeen).toEqual([{ password: 's3cret-value', user: 'app' }]);
    expect((await runs(created.id))[0]?.commandStatus).toBe('SUCCEEDED');

    const after = (await owner.get(`/api/admin/schedules/${created.id}`).expect(200)).body.data as ScheduleResponse;
    expect(after).toMatchObject({ nextRuns: [], lastRunAt: runAt, lastCommandId: command.id });
    clock.advance(MINUTE);
    await tick();
    expect(await runs(created.id)).toHaveLength(1);
    expect(await audit(created.id)).toEqual(['schedule.created', 'schedule.run.started']);
    await owner.delete(`/api/admin/schedules/${created.id}`).expect(200);
  });

  it('makes a run of an action under four-eyes approval wait for someone other than the schedule creator', async () => {
    const created = await create({ actionName: 'wipe', kind: 'cron', cron: '* * * * *', confirm: true });
    clock.set(new Date(Date.parse(created.nextRuns[0]!) + 1_000));
    await tick();
    const [run] = await runs(created.id);
    expect(run).toMatchObject({ outcome: 'started', commandStatus: 'AWAITING_APPROVAL' });
    const self = await owner.post(`/api/admin/commands/${run!.commandId}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('APPROVAL_SELF_FORBIDDEN');
    await owner.delete(`/api/admin/schedules/${created.id}`).expect(200);
  });

  it('skips a planned time while the previous run is open, when asked to; disabled schedules do not run', async () => {
    const created = await create({ actionName: 'slow', kind: 'cron', cron: '* * * * *', skipIfRunning: true });
    const first = Date.parse(created.nextRuns[0]!);
    clock.set(new Date(first + 1_000));
    await tick();
    const [started] = await runs(created.id);
    expect(started?.outcome).toBe('started');
    await bed.waitForStatus(started!.commandId!, 'RUNNING');

    clock.advance(MINUTE);
    await tick();
    const [skipped] = await runs(created.id);
    expect(skipped).toMatchObject({ outcome: 'skipped', commandId: null });
    expect(skipped?.error).toContain(started!.commandId!);

    releaseSlow();
    await bed.waitForStatus(started!.commandId!, 'SUCCEEDED');
    clock.advance(MINUTE);
    await tick();
    const [again] = await runs(created.id);
    expect(again?.outcome).toBe('started');
    await bed.waitForStatus(again!.commandId!, 'RUNNING');
    releaseSlow();
    await bed.waitForStatus(again!.commandId!, 'SUCCEEDED');

    const disabled = await owner.patch(`/api/admin/schedules/${created.id}`, { enabled: false }).expect(200);
    expect(disabled.body.data.nextRuns).toEqual([]);
    clock.advance(3 * MINUTE);
    await tick();
    expect(await runs(created.id)).toHaveLength(3);
    // Re-enabled, it plans from now: the minutes it was off are not missed runs.
    const enabled = await owner.patch(`/api/admin/schedules/${created.id}`, { enabled: true }).expect(200);
    expect(Date.parse(enabled.body.data.nextRuns[0])).toBeGreaterThan(clock.nowMs());
    await owner.patch(`/api/admin/schedules/${created.id}`, { enabled: false }).expect(200);
    expect(await audit(created.id)).toEqual(
      expect.arrayContaining(['schedule.run.skipped', 'schedule.run.started', 'schedule.updated']),
    );
  });
});

describe('Missed runs (docs/schedules.md, "Missed runs")', () => {
  it('reports planned times that passed while the server was down, runs none of them, and continues from now', async () => {
    const clock = new FixedClock(new Date(Math.ceil(Date.now() / MINUTE) * MINUTE + 5_000));
    let t = await createTestApp({ clock });
    try {
      const owner = await loginAs(t.server);
      const seeded = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
      const created = await owner.post('/api/admin/schedules', {
        name: 'every ten minutes',
        serviceId: seeded.serviceId,
        actionName: 'ping',
        kind: 'cron',
        cron: '*/10 * * * *',
      });
      expect(created.status).toBe(200);
      const id = (created.body as Envelope<ScheduleResponse>).data.id;
      const first = Date.parse((created.body as Envelope<ScheduleResponse>).data.nextRuns[0]!);

      // Down for three hours and five minutes; the same database file when it comes back.
      clock.set(new Date(first + 3 * 60 * MINUTE + 5 * MINUTE));
      t = await t.restart();
      await t.app.get(ScheduleTicker).tick();
      const again = await loginAs(t.server);
      const res = await again.get(`/api/admin/schedules/${id}/runs?pageSize=100`).expect(200);
      const rows = (res.body as Envelope<ScheduleRunResponse[]>).data;
      expect(rows).toHaveLength(19);
      expect(rows.every((r) => r.outcome === 'missed' && r.commandId === null)).toBe(true);
      expect(rows.at(-1)?.plannedAt).toBe(new Date(first).toISOString());
      const commands = await again.get(`/api/admin/commands?serviceId=${seeded.serviceId}`).expect(200);
      expect(commands.body.data).toEqual([]);
      const detail = (await again.get(`/api/admin/schedules/${id}`).expect(200)).body.data as ScheduleResponse;
      expect(detail.nextRuns[0]).toBe(new Date(first + 3 * 60 * MINUTE + 10 * MINUTE).toISOString());
      const audit = await again.get(`/api/admin/audit-events?targetType=Schedule&targetId=${id}`).expect(200);
      const missed = (audit.body as Envelope<{ action: string; metadata: Record<string, unknown> }[]>).data.filter(
        (e) => e.action === 'schedule.run.missed',
      );
      expect(missed).toHaveLength(1);
      expect(missed[0]?.metadata.listed).toBe(19);

      // A second tick finds nothing more to report.
      await t.app.get(ScheduleTicker).tick();
      expect((await again.get(`/api/admin/schedules/${id}/runs`).expect(200)).body.pagination.total).toBe(19);

      // Past the command retention (30 days by default), the maintenance sweep deletes the run rows.
      clock.advance(31 * 24 * 60 * MINUTE);
      const later = await loginAs(t.server);
      const sweep = await later.post('/api/admin/maintenance/run').expect(200);
      expect(sweep.body.data.deletedScheduleRuns).toBe(19);
      expect((await later.get(`/api/admin/schedules/${id}/runs`).expect(200)).body.pagination.total).toBe(0);
    } finally {
      await t.close();
    }
  });
});
