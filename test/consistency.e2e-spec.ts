import { rmSync } from 'node:fs';
import { poll } from './support/commands-helpers';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { registerAgent, type SeededAgent } from './support/seed';

interface Envelope<T> {
  success: boolean;
  data: T;
  pagination?: { page: number; pageSize: number; total: number };
  error?: { code: string; details?: unknown };
}

interface CommandView {
  id: string;
  status: string;
  actionName: string;
  errorCode: string | null;
  errorMessage: string | null;
}

const EXPIRED = { status: 'EXPIRED', errorCode: 'COMMAND_EXPIRED', errorMessage: 'Command expired before completion.' };

/** What an operator reads after a write: expiry, catalog replacement and health (issue 16, items 2–4). */
describe('consistency of reads after writes', () => {
  let t: TestApp;
  let admin: AdminClient;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock(new Date());
    t = await createTestApp({ clock });
    admin = await loginAs(t.server);
  });
  afterEach(async () => {
    await t.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  async function execute(a: SeededAgent, action = 'echo', payload: object = {}): Promise<Envelope<CommandView>> {
    return (await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/${action}`, { payload })).body as Envelope<CommandView>;
  }

  async function command(id: string): Promise<CommandView> {
    return ((await admin.get(`/api/admin/commands/${id}`).expect(200)).body as Envelope<CommandView>).data;
  }

  describe('command expiry', () => {
    it('the scheduled sweep expires with the same code and message as read-time expiry and cancel', async () => {
      const a = await registerAgent(t.server, admin, 'expiry-agent', [{ name: 'echo', label: 'Echo', timeoutSeconds: 5 }]);
      const pending = (await execute(a)).data.id;
      const running = (await execute(a)).data.id;
      const readTime = (await execute(a)).data.id;
      const cancelled = (await execute(a)).data.id;
      await admin.post(`/api/admin/commands/${running}/cancel`).expect(200);
      // `running` was cancelled while PENDING; claim one more for the RUNNING case.
      const claimed = (await execute(a)).data.id;
      expect(((await poll(t.server, a.agentId, a.token, '?limit=10')).body as Envelope<{ id: string }[]>).data.map((c) => c.id)).toContain(claimed);
      clock.advance(6_000);

      // Read time: the detail shows it expired before any sweep ran.
      expect(await command(readTime)).toMatchObject(EXPIRED);
      // Cancel of an overdue command persists the expiry (409) instead of cancelling.
      expect((await admin.post(`/api/admin/commands/${cancelled}/cancel`)).status).toBe(409);
      expect(await command(cancelled)).toMatchObject(EXPIRED);

      const sweep = (await admin.post('/api/admin/maintenance/run').expect(200)).body as Envelope<{ expiredCommands: number }>;
      expect(sweep.data.expiredCommands).toBeGreaterThanOrEqual(2);
      expect(await command(pending)).toMatchObject(EXPIRED);
      expect(await command(claimed)).toMatchObject(EXPIRED);
      const listed = ((await admin.get(`/api/admin/commands?agentId=${a.agentId}&status=EXPIRED`)).body as Envelope<CommandView[]>).data;
      for (const c of listed) expect({ errorCode: c.errorCode, errorMessage: c.errorMessage }).toEqual({ errorCode: EXPIRED.errorCode, errorMessage: EXPIRED.errorMessage });
      expect(listed).toHaveLength(4);
    });
  });
});
