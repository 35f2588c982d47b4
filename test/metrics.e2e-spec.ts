import request from 'supertest';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { CountersService } from '../src/system/counters.service';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { loginWithRole, Seeder } from './support/maintenance-seed';
import { family, parseExposition, type Exposition } from './support/prometheus';

const NOW = '2026-03-01T12:00:00.000Z';
const MIN = 60_000;
const DAY = 86_400_000;

function value(exp: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  return exp.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('dashboard, metrics and Prometheus against seeded data', () => {
  let t: TestApp;
  let owner: AdminClient;
  let seed: Seeder;
  const clock = new FixedClock(NOW);

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { OPSTAGE_METRICS_ENABLED: 'true' } });
    owner = await loginAs(t.server);
    seed = new Seeder(t.app, NOW);

    const a = await seed.agent('ONLINE', seed.ago(10_000));
    const b = await seed.agent('ONLINE', seed.ago(5 * MIN)); // stored ONLINE, effectively OFFLINE, not yet swept
    const c = await seed.agent('DISABLED', seed.ago(10_000));
    const d = await seed.agent('PENDING', null);
    const e = await seed.agent('OFFLINE', seed.ago(DAY));
    const sA1 = await seed.service(a, 'HEALTHY');
    await seed.service(a, 'UNHEALTHY');
    await seed.service(b, 'HEALTHY'); // OFFLINE: its agent's heartbeat is past the threshold
    await seed.service(c, 'HEALTHY'); // OFFLINE
    await seed.service(e, 'HEALTHY'); // OFFLINE
    await seed.service(d, 'UNKNOWN'); // STALE: its agent never heartbeated

    const base = { agentId: a, serviceId: sA1 };
    const done = (ms: number, minutesAgo: number): { startedAt: string; completedAt: string } => ({
      startedAt: seed.ago(minutesAgo * MIN + ms),
      completedAt: seed.ago(minutesAgo * MIN),
    });
    await seed.command({ ...base, status: 'SUCCEEDED', ...done(100, 9), createdAt: seed.ago(20 * MIN) });
    await seed.command({ ...base, status: 'SUCCEEDED', ...done(200, 8), createdAt: seed.ago(19 * MIN) });
    await seed.command({ ...base, status: 'SUCCEEDED', ...done(1000, 7), createdAt: seed.ago(18 * MIN) });
    await seed.command({
      ...base,
      status: 'FAILED',
      errorCode: 'ACTION_FAILED',
      ...done(300, 6),
      createdAt: seed.ago(17 * MIN),
    });
    await seed.command({
      ...base,
      status: 'FAILED',
      errorCode: 'ACTION_FAILED',
      ...done(400, 5),
      createdAt: seed.ago(16 * MIN),
    });
    await seed.command({
      ...base,
      status: 'FAILED',
      errorCode: 'TIMEOUT_X',
      completedAt: seed.ago(4 * MIN),
      createdAt: seed.ago(15 * MIN),
    });
    await seed.command({ ...base, status: 'PENDING', expiresAt: seed.ago(-MIN), createdAt: seed.ago(14 * MIN) });
    await seed.command({
      ...base,
      type: 'ACTION_PREPARE',
      status: 'EXPIRED',
      errorCode: 'ACTION_PREPARE_TIMEOUT',
      completedAt: seed.ago(3 * MIN),
      createdAt: seed.ago(13 * MIN),
    });
    await seed.command({
      ...base,
      type: 'ACTION_PREPARE',
      status: 'FAILED',
      errorCode: 'PREP_BAD',
      completedAt: seed.ago(2 * MIN),
      createdAt: seed.ago(12 * MIN),
    });
    await seed.registrationToken('ACTIVE', seed.ago(-DAY));
    await seed.registrationToken('USED', null);

    const counters = t.app.get(CountersService);
    counters.increment('agent.polls', 7);
    counters.increment('commands.dispatched', 5);
    counters.increment('commands.results.oversized', 2);
    counters.increment('agent.heartbeats', 3);
  });
  afterAll(() => t.close());

  it('dashboard summary counts agents and services by effective status (viewer allowed)', async () => {
    const viewer = await loginWithRole(t.server, owner, 'viewer');
    const res = await viewer.get('/api/admin/dashboard/summary').expect(200);
    const data = res.body.data;
    expect(data.workspace).toEqual({ id: 'wks_default', code: 'default', name: 'Default Workspace', status: 'ACTIVE' });
    expect(data.agentCounts).toEqual({ ONLINE: 1, OFFLINE: 2, DISABLED: 1, PENDING: 1 });
    expect(data.serviceCounts).toEqual({ HEALTHY: 1, UNHEALTHY: 1, STALE: 1, OFFLINE: 3 });
    // Executed actions only: the two prepare commands are left out of counts and recent commands.
    expect(data.commandCounts).toEqual({ SUCCEEDED: 3, FAILED: 3, PENDING: 1 });
    const auditCount = (await seed.rows(AuditEventEntity)).length;
    expect(data.auditEventCount).toBe(auditCount);
    expect(data.recentCommands).toHaveLength(7);
    const created = (data.recentCommands as { createdAt: string }[]).map((c) => c.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect((data.recentCommands as { type: string }[]).every((c) => c.type === 'ACTION_EXECUTE')).toBe(true);
    expect(data.recentCommands[0]).toMatchObject({ type: 'ACTION_EXECUTE', status: 'PENDING', payload: {} });
    expect(data.recentAuditEvents.length).toBeGreaterThan(0);
    expect(data.recentAuditEvents.length).toBeLessThanOrEqual(10);
    expect(data.recentAuditEvents[0]).toHaveProperty('metadata');
  });

  it('metrics JSON: totals, byStatus, durations, top errors and operational counters', async () => {
    const res = await owner.get('/api/admin/metrics').expect(200);
    const data = res.body.data;
    expect(data.totals).toMatchObject({ users: 2, agents: 5, capsuleServices: 6, registrationTokens: 2, commands: 9 });
    expect(data.byStatus.agents).toEqual({ ONLINE: 1, OFFLINE: 2, DISABLED: 1, PENDING: 1 });
    expect(data.byStatus.registrationTokens).toEqual({ ACTIVE: 1, USED: 1 });
    // Durations 100, 200, 1000, 300, 400 ms → nearest rank p50 = 300, p95 = 1000.
    expect(data.commandDurations).toEqual({ sampleSize: 5, p50Ms: 300, p95Ms: 1000, maxMs: 1000, meanMs: 400 });
    expect(data.topCommandErrors).toEqual([
      { code: 'ACTION_FAILED', count: 2 },
      { code: 'PREP_BAD', count: 1 },
      { code: 'TIMEOUT_X', count: 1 },
    ]);
    expect(data.operational).toMatchObject({
      agentCommandPolls: 7,
      agentHeartbeats: 3,
      commandsDispatched: 5,
      commandsCompleted: 3,
      commandsFailed: 4,
      commandsExpired: 1,
      actionPrepareRequested: 2,
      actionPrepareTimeouts: 1,
      actionPrepareFailures: 1,
      oversizedCommandResultsRejected: 2,
      staleOnlineAgents: 1,
    });
  });

  it('GET /metrics parses as exposition format and carries the numbers, all prefixed opstage_', async () => {
    await request(t.server).get('/api/system/health').expect(200);
    await request(t.server).get('/api/admin/agents/agt_whatever').expect(401);
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; .*version=0\.0\.4/);
    const exp = parseExposition(res.text);
    for (const s of exp.samples) {
      expect(s.name.startsWith('opstage_')).toBe(true);
      // Every series names the replica that exposed it (docs/scaling.md).
      expect(s.labels.replica).toBe(t.config.replicaId);
      expect(family(s.name, exp.types)).toBeDefined();
    }
    expect(value(exp, 'opstage_agents', { status: 'ONLINE' })).toBe(1);
    expect(value(exp, 'opstage_agents', { status: 'OFFLINE' })).toBe(2);
    expect(value(exp, 'opstage_agents', { status: 'REVOKED' })).toBe(0);
    expect(value(exp, 'opstage_capsule_services', { status: 'STALE' })).toBe(1);
    expect(value(exp, 'opstage_capsule_services', { status: 'OFFLINE' })).toBe(3);
    expect(value(exp, 'opstage_commands', { status: 'FAILED' })).toBe(4);
    expect(value(exp, 'opstage_commands_finished_total', { outcome: 'SUCCEEDED' })).toBe(3);
    expect(value(exp, 'opstage_agent_polls_total')).toBe(7);
    expect(value(exp, 'opstage_agent_heartbeats_total')).toBe(3);
    expect(value(exp, 'opstage_commands_dispatched_total')).toBe(5);
    expect(value(exp, 'opstage_command_duration_seconds_count')).toBe(5);
    expect(value(exp, 'opstage_command_duration_seconds_sum')).toBeCloseTo(2.0, 5);
    expect(value(exp, 'opstage_command_duration_seconds_bucket', { le: '0.25' })).toBe(2);
    expect(exp.types.get('opstage_http_request_duration_seconds')).toBe('histogram');
    expect(
      value(exp, 'opstage_http_requests_total', { method: 'GET', route: '/api/system/health', status: '200' }),
    ).toBe(1);
    // The matched route pattern, never the raw URL (and the 401 before the guard is counted too).
    expect(value(exp, 'opstage_http_requests_total', { route: '/api/admin/agents/:agentId', status: '401' })).toBe(1);
    expect(exp.samples.some((s) => s.labels.route?.includes('agt_whatever'))).toBe(false);
    expect(
      exp.types.has('opstage_process_cpu_user_seconds_total') || exp.types.has('opstage_process_cpu_user_seconds'),
    ).toBe(true);
    expect(exp.types.get('opstage_nodejs_heap_size_used_bytes')).toBe('gauge');
  });

  it('outcome counters stay monotonic when retention prunes the rows', async () => {
    clock.advance(40 * DAY);
    owner = await loginAs(t.server); // the earlier session expired with the jump
    await owner.post('/api/admin/maintenance/run').expect(200);
    const exp = parseExposition((await request(t.server).get('/metrics').expect(200)).text);
    expect(value(exp, 'opstage_commands', { status: 'FAILED' })).toBe(0);
    expect(value(exp, 'opstage_commands_finished_total', { outcome: 'FAILED' })).toBe(4);
    expect(value(exp, 'opstage_commands_finished_total', { outcome: 'SUCCEEDED' })).toBe(3);
    const json = await owner.get('/api/admin/metrics').expect(200);
    expect(json.body.data.operational).toMatchObject({ commandsCompleted: 3, commandsFailed: 4 });
  });
});

describe('GET /metrics access', () => {
  it('is 404 METRICS_DISABLED by default', async () => {
    const t = await createTestApp();
    try {
      const res = await request(t.server).get('/metrics').expect(404);
      expect(res.body).toMatchObject({ success: false, error: { code: 'METRICS_DISABLED' } });
    } finally {
      await t.close();
    }
  });

  it('requires the bearer token when one is configured', async () => {
    const token = 'prometheus-scrape-token-123456';
    const t = await createTestApp({ env: { OPSTAGE_METRICS_ENABLED: 'true', OPSTAGE_METRICS_TOKEN: token } });
    try {
      await request(t.server).get('/metrics').expect(401);
      await request(t.server).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
      await request(t.server).get('/metrics').set('Authorization', token).expect(401);
      const ok = await request(t.server).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(parseExposition(ok.text).types.get('opstage_agents')).toBe('gauge');
    } finally {
      await t.close();
    }
  });
});
