import request from 'supertest';
import type { ReportedService } from '../sdk/src/protocol';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { FixedClock } from '../src/common/time/clock';
import { createTestApp, type TestApp } from './support/create-test-app';
import { reportedService } from './support/agent-flow';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { Seeder } from './support/maintenance-seed';
import { registerAgent, userWithRole, type SeededAgent } from './support/seed';

interface Tile {
  id: string;
  list: 'services' | 'agents' | 'commands';
  query: Record<string, string>;
  count: number;
}

const LIST_PATH = {
  services: '/api/admin/capsule-services',
  agents: '/api/admin/agents',
  commands: '/api/admin/commands',
} as const;
const MIN = 60_000;

/** The operations-console endpoints: dashboard overview, search, bulk operations, health history, list filters. */
describe('console operations API', () => {
  let t: TestApp;
  let owner: AdminClient;
  let healthy: SeededAgent;
  let degraded: SeededAgent;
  let idle: SeededAgent;
  const clock = new FixedClock(new Date('2026-03-01T12:00:00.000Z'));

  const report = (a: SeededAgent, extra: Parameters<typeof reportedService>[1]): request.Test =>
    asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/services/report`, {
      services: [reportedService(a.serviceCode, extra)],
    });

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '90', OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS: '86400' },
    });
    owner = await loginAs(t.server);
    const catalog = [{ name: 'echo', label: 'Echo' }];
    healthy = await registerAgent(t.server, owner, 'ops-healthy', catalog);
    degraded = await registerAgent(t.server, owner, 'ops-degraded', catalog);
    idle = await registerAgent(t.server, owner, 'ops-idle', catalog);
    const labels = (l: Record<string, string>): Partial<ReportedService> => ({
      manifest: {
        kind: 'CapsuleService',
        schemaVersion: '1.0',
        code: 'x',
        name: 'x',
        version: '1',
        runtime: 'nodejs',
        agentMode: 'embedded',
        labels: l,
      },
    });
    await report(healthy, { ...labels({ team: 'billing', region: 'emea' }), name: 'Billing API' }).expect(200);
    await report(idle, { ...labels({ team: 'billing', region: 'us' }) }).expect(200);
    clock.advance(MIN);
    await report(degraded, {
      ...labels({ team: 'search' }),
      health: { status: 'DOWN', message: 'index corrupt' },
    }).expect(200);
    // The idle agent stops heartbeating: OFFLINE once the threshold passed.
    clock.advance(2 * MIN);
    for (const a of [healthy, degraded])
      await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {}).expect(200);
    const seed = new Seeder(t.app, clock.nowIso());
    const base = { agentId: healthy.agentId, serviceId: healthy.serviceId };
    await seed.command({
      ...base,
      status: 'FAILED',
      errorCode: 'BOOM',
      errorMessage: 'upstream said no',
      completedAt: seed.ago(MIN),
      createdAt: seed.ago(2 * MIN),
    });
    await seed.command({
      ...base,
      status: 'EXPIRED',
      errorCode: 'COMMAND_EXPIRED',
      completedAt: seed.ago(MIN),
      createdAt: seed.ago(3 * MIN),
    });
    await seed.command({
      ...base,
      status: 'FAILED',
      errorCode: 'OLD',
      completedAt: seed.ago(2 * 24 * 60 * MIN),
      createdAt: seed.ago(2 * 24 * 60 * MIN),
    });
    await seed.command({
      ...base,
      type: 'ACTION_PREPARE',
      status: 'EXPIRED',
      errorCode: 'ACTION_PREPARE_TIMEOUT',
      completedAt: seed.ago(MIN),
      createdAt: seed.ago(MIN),
    });
    await seed.command({ ...base, status: 'PENDING', expiresAt: seed.ago(-10 * MIN), createdAt: seed.ago(MIN) });
    await seed.command({
      ...base,
      status: 'RUNNING',
      startedAt: seed.ago(MIN),
      expiresAt: seed.ago(-10 * MIN),
      createdAt: seed.ago(MIN),
    });
  });
  afterAll(() => t.close());

  it('dashboard overview: every tile equals the total of the list its query opens', async () => {
    const res = await owner.get('/api/admin/dashboard/overview').expect(200);
    const tiles = res.body.data.tiles as Tile[];
    expect(tiles.map((x) => x.id)).toEqual([
      'services-problem',
      'agents-offline',
      'commands-failed',
      'commands-active',
      'services-healthy',
      'agents-online',
      'services-all',
      'agents-all',
    ]);
    for (const tile of tiles) {
      const list = await owner.get(`${LIST_PATH[tile.list]}?${new URLSearchParams(tile.query).toString()}`).expect(200);
      expect({ tile: tile.id, total: list.body.pagination.total }).toEqual({ tile: tile.id, total: tile.count });
    }
    const byId = Object.fromEntries(tiles.map((x) => [x.id, x.count]));
    // Prepare commands and the two-day-old failure stay out; PENDING + RUNNING are both "active".
    expect(byId).toMatchObject({
      'services-problem': 2,
      'agents-offline': 1,
      'commands-failed': 2,
      'commands-active': 2,
      'services-healthy': 1,
      'services-all': 3,
    });
  });

  it('dashboard overview: problem services with health message, since when and what was tried; failed runs; offline agents', async () => {
    const data = (await owner.get('/api/admin/dashboard/overview').expect(200)).body.data;
    const down = (
      data.problemServices as { id: string; status: string; healthMessage: string; since: string; agentName: string }[]
    ).find((s) => s.id === degraded.serviceId)!;
    expect(down).toMatchObject({
      status: 'UNHEALTHY',
      healthMessage: 'index corrupt',
      agentName: 'ops-degraded',
      since: '2026-03-01T12:01:00.000Z',
    });
    const offline = (data.problemServices as { id: string; status: string; since: string }[]).find(
      (s) => s.id === idle.serviceId,
    )!;
    expect(offline.status).toBe('OFFLINE');
    expect(Date.parse(offline.since)).toBeLessThanOrEqual(Date.parse('2026-03-01T12:00:00.000Z'));
    expect(data.failedCommands.map((c: { errorCode: string }) => c.errorCode).sort()).toEqual([
      'BOOM',
      'COMMAND_EXPIRED',
    ]);
    expect(data.failedCommands[0]).toMatchObject({ serviceName: 'Billing API', agentName: 'ops-healthy' });
    expect(data.offlineAgents.map((a: { id: string }) => a.id)).toEqual([idle.agentId]);
  });

  it('lists: several statuses at once, bad ones are 422; command and audit substring search; label filters', async () => {
    expect(
      (await owner.get('/api/admin/capsule-services?status=UNHEALTHY,OFFLINE').expect(200)).body.pagination.total,
    ).toBe(2);
    const bad = await owner.get('/api/admin/commands?status=FAILED,NOPE').expect(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await owner.get('/api/admin/agents?status=ONLINE,OFFLINE').expect(200)).body.pagination.total).toBe(3);

    const q = await owner.get('/api/admin/commands?q=UPSTREAM%20SAID').expect(200);
    expect(q.body.data.map((c: { errorCode: string }) => c.errorCode)).toEqual(['BOOM']);
    expect((await owner.get('/api/admin/commands?q=%25').expect(200)).body.data).toEqual([]);
    const audit = await owner.get(`/api/admin/audit-events?q=${degraded.agentId}`).expect(200);
    expect(audit.body.data.length).toBeGreaterThan(0);
    expect(
      audit.body.data.every(
        (e: { targetId: string; actorId: string }) => e.targetId === degraded.agentId || e.actorId === degraded.agentId,
      ),
    ).toBe(true);

    const billing = await owner.get('/api/admin/capsule-services?label=team:billing').expect(200);
    expect(billing.body.data.map((s: { id: string }) => s.id).sort()).toEqual(
      [healthy.serviceId, idle.serviceId].sort(),
    );
    const both = await owner.get('/api/admin/capsule-services?label=team:billing,region:emea').expect(200);
    expect(both.body.data.map((s: { id: string; agentName: string }) => [s.id, s.agentName])).toEqual([
      [healthy.serviceId, 'ops-healthy'],
    ]);
    expect(
      (await owner.get('/api/admin/capsule-services?label=nocolon').expect(422)).body.error.details.issues[0].path,
    ).toBe('label');
    const labels = await owner.get('/api/admin/capsule-services/labels').expect(200);
    expect(labels.body.data).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'billing', count: 2 },
        { key: 'region', value: 'emea', count: 1 },
      ]),
    );
  });

  it('global search finds services, agents and commands by name or (part of an) id', async () => {
    const byName = (await owner.get('/api/admin/search?q=ops-degraded').expect(200)).body.data;
    expect(byName.agents.map((a: { id: string }) => a.id)).toEqual([degraded.agentId]);
    expect(byName.services.map((s: { id: string }) => s.id)).toEqual([degraded.serviceId]);
    const cmd = (await owner.get('/api/admin/commands?q=BOOM').expect(200)).body.data[0] as { id: string };
    const byId = (await owner.get(`/api/admin/search?q=${cmd.id.slice(0, 14)}`).expect(200)).body.data;
    expect(byId.commands.map((c: { id: string }) => c.id)).toContain(cmd.id);
    expect((await owner.get('/api/admin/search').expect(422)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('health history: sampled rows, a paginated history newest first, and batched timelines', async () => {
    const beat = (status: string, message: string) =>
      asAgent(t.server, healthy.token)
        .post(`/api/agents/${healthy.agentId}/heartbeat`, { serviceId: healthy.serviceId, health: { status, message } })
        .expect(200);
    const total = async (): Promise<number> =>
      (await owner.get(`/api/admin/capsule-services/${healthy.serviceId}/health/history`).expect(200)).body.pagination
        .total as number;
    clock.advance(6 * MIN);
    await beat('UP', 'ok');
    const before = await total();
    clock.advance(2 * MIN);
    await beat('UP', 'ok');
    // A steady health within five minutes refreshes the newest row instead of adding one...
    expect(await total()).toBe(before);
    clock.advance(MIN);
    await beat('DEGRADED', 'slow');
    clock.advance(MIN);
    await beat('UP', 'ok');
    // ...and a change adds one at once.
    expect(await total()).toBe(before + 2);
    const history = await owner
      .get(`/api/admin/capsule-services/${healthy.serviceId}/health/history?pageSize=2`)
      .expect(200);
    expect(history.body.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(history.body.data.map((h: { status: string; message: string }) => `${h.status} ${h.message}`)).toEqual([
      'UP ok',
      'DEGRADED slow',
    ]);
    const tl = await owner
      .get(`/api/admin/capsule-services/health-timelines?serviceIds=${healthy.serviceId},${degraded.serviceId}&hours=1`)
      .expect(200);
    expect(tl.body.data.services[healthy.serviceId].map((p: { status: string }) => p.status)).toEqual([
      'UP',
      'DEGRADED',
      'UP',
    ]);
    expect(tl.body.data.services[degraded.serviceId].map((p: { status: string }) => p.status)).toEqual(['UP', 'DOWN']);
    expect(
      (await owner.get('/api/admin/capsule-services/health-timelines?serviceIds=agt_x').expect(422)).body.error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await owner.get('/api/admin/capsule-services/svc_missing/health/history').expect(404)).body.error.code,
    ).toBe('CAPSULE_SERVICE_NOT_FOUND');
  });

  it('bulk: confirmation count must match; each item is its own audited operation; failures do not stop the rest', async () => {
    for (const a of [healthy, degraded])
      await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {}).expect(200);
    const mismatch = await owner
      .post('/api/admin/bulk/agents', {
        operation: 'disable',
        agentIds: [healthy.agentId, degraded.agentId],
        confirmCount: 1,
      })
      .expect(422);
    expect(mismatch.body.error.details.issues[0].path).toBe('confirmCount');

    const disabled = await owner
      .post('/api/admin/bulk/agents', {
        operation: 'disable',
        agentIds: [healthy.agentId, degraded.agentId, 'agt_nope'],
        confirmCount: 3,
      })
      .expect(200);
    expect(disabled.body.data).toMatchObject({ requested: 3, succeeded: 2, failed: 1 });
    expect(disabled.body.data.items[2]).toMatchObject({
      id: 'agt_nope',
      ok: false,
      error: { code: 'AGENT_NOT_FOUND' },
    });
    const audits = (await new Seeder(t.app, clock.nowIso()).rows(AuditEventEntity)).filter(
      (a) => a.action === 'agent.disabled' || a.action === 'bulk.agents.disable',
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['agent.disabled', 'agent.disabled', 'bulk.agents.disable']);
    await owner
      .post('/api/admin/bulk/agents', {
        operation: 'enable',
        agentIds: [healthy.agentId, degraded.agentId],
        confirmCount: 2,
      })
      .expect(200);

    const run = await owner
      .post('/api/admin/bulk/actions', {
        actionName: 'echo',
        serviceIds: [healthy.serviceId, degraded.serviceId, idle.serviceId],
        payload: { message: 'hi' },
        confirmCount: 3,
      })
      .expect(200);
    expect(run.body.data).toMatchObject({ requested: 3, succeeded: 2, failed: 1 });
    const [first, second, third] = run.body.data.items as {
      id: string;
      ok: boolean;
      commandId?: string;
      error?: { code: string };
    }[];
    expect(first!.commandId).not.toEqual(second!.commandId);
    expect(third).toMatchObject({ id: idle.serviceId, ok: false, error: { code: 'AGENT_HEARTBEAT_STALE' } });

    const cancelled = await owner
      .post('/api/admin/bulk/commands/cancel', { commandIds: [first!.commandId, second!.commandId], confirmCount: 2 })
      .expect(200);
    expect(cancelled.body.data.items.map((i: { status: string }) => i.status)).toEqual(['CANCELLED', 'CANCELLED']);

    const viewer = await userWithRole(t.server, owner, 'bulk-viewer', 'viewer');
    expect(
      (await viewer.post('/api/admin/bulk/commands/cancel', { commandIds: [first!.commandId], confirmCount: 1 }))
        .status,
    ).toBe(403);

    // Revoke (last: it cannot be undone): the same per-item path, its own audit record each.
    const revoked = await owner
      .post('/api/admin/bulk/agents', {
        operation: 'revoke',
        agentIds: [degraded.agentId, degraded.agentId],
        confirmCount: 1,
      })
      .expect(200);
    expect(revoked.body.data).toMatchObject({
      requested: 1,
      succeeded: 1,
      failed: 0,
      items: [{ id: degraded.agentId, ok: true, status: 'REVOKED' }],
    });
    const revokeAudits = (await new Seeder(t.app, clock.nowIso()).rows(AuditEventEntity)).filter(
      (a) => a.action === 'agent.revoked' || a.action === 'bulk.agents.revoke',
    );
    expect(revokeAudits.map((a) => a.action).sort()).toEqual(['agent.revoked', 'bulk.agents.revoke']);
  });
});
