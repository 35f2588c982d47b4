import request from 'supertest';
import { DataSource } from 'typeorm';
import type { BusEventRequest } from '../../sdk/src/protocol-bus';
import { BusEventEntity } from '../../src/bus/bus-event.entity';
import { MAINTENANCE_JOB, MaintenanceScheduler } from '../../src/maintenance/maintenance.scheduler';
import { MaintenanceService } from '../../src/maintenance/maintenance.service';
import { ScheduledSlotEntity } from '../../src/maintenance/scheduled-slot.entity';
import type { SweepResult } from '../../src/contracts';
import { createTestApp, FixedClock, TEST_ADMIN, type TestApp } from '../support/create-test-app';
import { asAgent } from '../support/http';
import { seedAgentWithService, type SeededAgent } from '../support/seed';

jest.setTimeout(90_000);

/** Three replicas (apps) on one PostgreSQL database, racing for the same claims at the same time. */
async function threeReplicas(clock: FixedClock | undefined, env: Record<string, string>): Promise<TestApp[]> {
  const first = await createTestApp({ clock, listen: true, env: { ...env, OPSTAGE_REPLICA_ID: 'replica-1' } });
  const others = await Promise.all(
    ['replica-2', 'replica-3'].map((id) =>
      createTestApp({
        clock,
        listen: true,
        dataDir: first.dataDir,
        database: first.database,
        env: { ...env, OPSTAGE_REPLICA_ID: id },
      }),
    ),
  );
  return [first, ...others];
}

async function closeAll(replicas: TestApp[]): Promise<void> {
  // The first owns the database and data dir: it goes last.
  for (const r of [...replicas].reverse()) await r.close();
}

describe('claims on PostgreSQL: three replicas racing (fixed clock)', () => {
  const clock = new FixedClock('2026-04-01T08:00:00.000Z');
  let replicas: TestApp[];

  beforeAll(async () => {
    replicas = await threeReplicas(clock, {
      OPSTAGE_TRUST_PROXY: 'true',
      // An hour: the timers never fire here; the test ticks all three at the same instant by hand.
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '3600',
      OPSTAGE_CAPSULE_BUS_ENABLED: 'true',
      OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '5',
    });
  });
  afterAll(() => closeAll(replicas));

  it('three ticks at once: one runs the sweep, two skip; every interval the same', async () => {
    const schedulers = replicas.map((r) => r.app.get(MaintenanceScheduler));
    const interval = schedulers[0]!.intervalSeconds * 1000;
    const sweeps = replicas.map((r) => jest.spyOn(r.app.get(MaintenanceService), 'run'));
    for (let i = 0; i < 4; i += 1) {
      const outcomes = await Promise.all(schedulers.map((s) => s.tick()));
      expect([...outcomes].sort()).toEqual(['ran', 'taken', 'taken']);
      clock.advance(interval);
    }
    expect(sweeps.reduce((n, s) => n + s.mock.calls.length, 0)).toBe(4);
    const rows = await replicas[0]!.app.get(DataSource).getRepository(ScheduledSlotEntity).findBy({
      job: MAINTENANCE_JOB,
    });
    expect(rows).toHaveLength(4);
    for (const s of sweeps) s.mockRestore();
  });

  it('a sweep slower than the interval holds the advisory lock: the next slot’s winner skips instead of overlapping', async () => {
    const [s1, s2] = [replicas[0]!.app.get(MaintenanceScheduler), replicas[1]!.app.get(MaintenanceScheduler)];
    const interval = s1.intervalSeconds * 1000;
    let release: () => void = () => undefined;
    const slow = jest
      .spyOn(replicas[0]!.app.get(MaintenanceService), 'run')
      .mockImplementation(() => new Promise<SweepResult>((resolve) => (release = () => resolve({} as SweepResult))));
    const running = s1.tick();
    await new Promise((r) => setTimeout(r, 300)); // replica 1 has claimed its slot and holds the lock
    clock.advance(interval);
    expect(await s2.tick()).toBe('busy');
    release();
    expect(await running).toBe('ran');
    slow.mockRestore();
    clock.advance(interval);
    expect(await s2.tick()).toBe('ran');
  });

  it('the sixth wrong password from one address answers 429 on every replica, also when 18 arrive at once', async () => {
    const login = (r: TestApp, ip: string, password: string): request.Test =>
      request(r.server)
        .post('/api/admin/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username: TEST_ADMIN.username, password });
    for (let i = 0; i < 5; i += 1) await login(replicas[i % 3]!, '10.8.0.1', 'wrong').expect(401);
    for (const r of replicas) expect((await login(r, '10.8.0.1', 'wrong')).status).toBe(429);

    const burst = await Promise.all(
      Array.from({ length: 18 }, (_v, i) => login(replicas[i % 3]!, '10.8.0.2', 'wrong')),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(13);
  });

  it('the bus rate limit is shared: 15 parallel publishes of one agent over three replicas store exactly 5', async () => {
    const agent: SeededAgent = await seedAgentWithService(replicas[0]!.app, { code: 'bus-race' });
    const event: BusEventRequest = { eventType: 'race.test', sourceServiceCode: agent.serviceCode };
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_v, i) =>
        asAgent(replicas[i % 3]!.server, agent.token).post(`/api/agents/${agent.agentId}/bus/events`, event),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(10);
    const stored = await replicas[0]!.app.get(DataSource).getRepository(BusEventEntity).countBy({
      agentId: agent.agentId,
    });
    expect(stored).toBe(5);
  });
});

describe('claims on PostgreSQL: the scheduler on a 1 s interval across three replicas (real clock)', () => {
  let replicas: TestApp[];

  beforeAll(async () => {
    replicas = await threeReplicas(undefined, { OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '1' });
  });
  afterAll(() => closeAll(replicas));

  it('runs the sweep exactly once per interval across the three', async () => {
    const spiedAt = new Date().toISOString();
    const sweeps = replicas.map((r) => jest.spyOn(r.app.get(MaintenanceService), 'run'));
    const from = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toISOString();
    await new Promise((r) => setTimeout(r, 5_500));
    const to = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    // Stop ticking and let a sweep in flight finish, so runs and claims can be compared exactly.
    for (const r of replicas) r.app.get(MaintenanceScheduler).onApplicationShutdown();
    await new Promise((r) => setTimeout(r, 1_000));
    const slots = await replicas[0]!.app.get(DataSource).getRepository(ScheduledSlotEntity).findBy({
      job: MAINTENANCE_JOB,
    });
    // Every whole second in [from, to] was claimed by exactly one replica ...
    const inside = slots.map((s) => s.slotStart).filter((s) => s >= from && s <= to);
    const expected = (Date.parse(to) - Date.parse(from)) / 1000 + 1;
    expect(expected).toBeGreaterThanOrEqual(3);
    expect(inside).toHaveLength(expected);
    // ... and each claimed slot ran exactly one sweep: as many runs over the three as claims since the spies.
    const ran = sweeps.reduce((n, s) => n + s.mock.calls.length, 0);
    expect(ran).toBe(slots.filter((s) => s.slotStart > spiedAt).length);
    for (const s of sweeps) s.mockRestore();
  });
});
