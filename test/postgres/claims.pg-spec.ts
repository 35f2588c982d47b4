import { createTestApp, type TestApp } from '../support/create-test-app';
import { poll } from '../support/commands-helpers';
import { loginAs } from '../support/http';
import { seedAgentWithService } from '../support/seed';

interface Envelope<T> {
  data: T;
}

/**
 * Two replicas on one PostgreSQL database: a command is handed to exactly one poll, whichever
 * replica each poll reaches and however the polls race (the claim is a conditional UPDATE that
 * PostgreSQL re-checks after a concurrent writer commits).
 */
describe('command claims across replicas on one PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ database: first.database });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('delivers each of 30 commands to exactly one of 24 racing polls spread over both replicas', async () => {
    const a = await seedAgentWithService(first.app);
    const admin = await loginAs(first.server);
    const created: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: { i } });
      expect(res.status).toBe(200);
      created.push((res.body as Envelope<{ id: string }>).data.id);
    }
    // limit=2: a round of 24 polls could take 48, so the polls compete for the same first rows; a
    // poll that loses every race answers empty and the agent polls again, as the SDK does.
    const delivered: string[] = [];
    for (let round = 0; round < 10 && delivered.length < created.length; round += 1) {
      const polls = Array.from({ length: 24 }, (_, i) =>
        poll((i % 2 === 0 ? first : second).server, a.agentId, a.token, '?limit=2'),
      );
      for (const res of await Promise.all(polls)) {
        expect(res.status).toBe(200);
        delivered.push(...(res.body as Envelope<{ id: string }[]>).data.map((c) => c.id));
      }
    }
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...created].sort());
  });
});
