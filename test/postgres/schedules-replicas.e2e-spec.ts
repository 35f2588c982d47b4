import { ScheduleTicker } from '../../src/maintenance/schedule-ticker';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { loginAs, type AdminClient } from '../support/http';
import { createTestDatabase, dropTestDatabase } from '../support/postgres/test-database';
import type { Envelope } from '../support/sdk-harness';
import { seedAgentWithService } from '../support/seed';
import { sleep, waitFor } from '../support/wait';
import type { PublicCommand, ScheduleResponse, ScheduleRunResponse } from '../../src/contracts';

/**
 * Two replicas on one PostgreSQL database, both ticking every second and, on top of that, ticked by hand at the same
 * moments: every planned time of every schedule becomes exactly one command and one run row
 * (docs/schedules.md, "Several replicas").
 */
jest.setTimeout(90_000);

const SCHEDULES = 6;

describe('scheduled runs on two replicas', () => {
  let database: string;
  let replicas: TestApp[] = [];
  let admin: AdminClient;
  let serviceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const id of ['s1', 's2']) {
      replicas.push(
        await createTestApp({ database, env: { OPSTAGE_REPLICA_ID: id, OPSTAGE_SCHEDULE_TICK_SECONDS: '1' } }),
      );
    }
    admin = await loginAs(replicas[0]!.server);
    serviceId = (await seedAgentWithService(replicas[0]!.app, { actions: [{ name: 'ping' }] })).serviceId;
  });

  afterAll(async () => {
    for (const t of replicas) await t.close();
    replicas = [];
    if (database) await dropTestDatabase(database);
  });

  it('turns each planned time into exactly one command, whichever replica claims it', async () => {
    const start = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < SCHEDULES; i += 1) {
      const res = await admin.post('/api/admin/schedules', {
        name: `once ${i}`,
        serviceId,
        actionName: 'ping',
        kind: 'once',
        runAt: new Date(start + 2_000 + i * 300).toISOString(),
      });
      expect(res.status).toBe(200);
      ids.push((res.body as Envelope<ScheduleResponse>).data.id);
    }
    // Both replicas' own timers race for the same times; hand-made ticks on both add more contenders.
    while (Date.now() < start + 2_000 + SCHEDULES * 300 + 500) {
      await Promise.all(replicas.flatMap((t) => [t.app.get(ScheduleTicker).tick(), t.app.get(ScheduleTicker).tick()]));
      await sleep(100);
    }
    const runsOf = async (id: string): Promise<ScheduleRunResponse[]> =>
      ((await admin.get(`/api/admin/schedules/${id}/runs`).expect(200)).body as Envelope<ScheduleRunResponse[]>).data;
    await waitFor(
      async () => ((await Promise.all(ids.map(runsOf))).every((r) => r.length === 1) ? true : undefined),
      10_000,
      'one run per schedule',
    );
    // A few more ticks on both replicas change nothing.
    await Promise.all(replicas.map((t) => t.app.get(ScheduleTicker).tick()));
    await sleep(1_500);

    const runs = (await Promise.all(ids.map(runsOf))).flat();
    expect(runs).toHaveLength(SCHEDULES);
    expect(runs.every((r) => r.outcome === 'started' && r.commandId !== null)).toBe(true);
    const list = await admin.get(`/api/admin/commands?serviceId=${serviceId}&pageSize=100`).expect(200);
    const commands = (list.body as Envelope<PublicCommand[]>).data;
    expect(commands).toHaveLength(SCHEDULES);
    expect(new Set(commands.map((c) => c.createdById))).toEqual(new Set(ids));
    expect(commands.every((c) => c.createdByType === 'SCHEDULE')).toBe(true);
    expect(new Set(runs.map((r) => r.commandId))).toEqual(new Set(commands.map((c) => c.id)));
  });
});
