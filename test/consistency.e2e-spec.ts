import type { ActionDefinitionWire, ConfigItemWire } from '../sdk/src/protocol';
import { reportedService } from './support/agent-flow';
import { poll } from './support/commands-helpers';
import { appPerTest } from './support/app-per-test';
import { asAgent } from './support/http';
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
  const app = appPerTest();

  async function execute(a: SeededAgent, action = 'echo', payload: object = {}): Promise<Envelope<CommandView>> {
    return (await app.admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/${action}`, { payload }))
      .body as Envelope<CommandView>;
  }

  async function command(id: string): Promise<CommandView> {
    return ((await app.admin.get(`/api/admin/commands/${id}`).expect(200)).body as Envelope<CommandView>).data;
  }

  const action = (name: string): ActionDefinitionWire => ({
    name,
    label: name,
    dangerLevel: 'LOW',
    requiresConfirmation: false,
  });
  const config = (key: string): ConfigItemWire => ({ key, type: 'string', valuePreview: `${key}-value` });

  async function reportCatalog(a: SeededAgent, actions: string[], configs: string[]): Promise<void> {
    const service = reportedService(a.serviceCode, { actions: actions.map(action), configs: configs.map(config) });
    await asAgent(app.t.server, a.token)
      .post(`/api/agents/${a.agentId}/services/report`, { services: [service] })
      .expect(200);
  }

  describe('catalog replacement', () => {
    it('a re-report without some actions and configs removes them from every catalog read; their history stays', async () => {
      const a = await registerAgent(app.t.server, app.admin, 'catalog-agent', [action('echo')]);
      await reportCatalog(a, ['echo', 'old'], ['keep.me', 'drop.me']);
      const oldId = (
        (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/actions/old`).expect(200)).body as Envelope<{
          id: string;
        }>
      ).data.id;
      const oldCommand = (await execute(a, 'old')).data.id;
      await poll(app.t.server, a.agentId, a.token);
      await asAgent(app.t.server, a.token)
        .post(`/api/agents/${a.agentId}/commands/${oldCommand}/result`, {
          success: false,
          message: 'boom',
          data: { tried: true },
          error: { code: 'BOOM' },
        })
        .expect(200);

      await reportCatalog(a, ['echo'], ['keep.me']);
      const names = (rows: { name?: string; key?: string }[]): (string | undefined)[] =>
        rows.map((r) => r.name ?? r.key);
      const detail = (
        (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}`).expect(200)).body as Envelope<{
          actions: { name: string }[];
          configs: { key: string }[];
        }>
      ).data;
      expect(names(detail.actions)).toEqual(['echo']);
      expect(names(detail.configs)).toEqual(['keep.me']);
      expect(
        names(
          (
            (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/actions`)).body as Envelope<
              { name: string }[]
            >
          ).data,
        ),
      ).toEqual(['echo']);
      expect(
        names(
          (
            (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/configs`)).body as Envelope<
              { key: string }[]
            >
          ).data,
        ),
      ).toEqual(['keep.me']);

      const notFound = { status: 404, code: 'ACTION_NOT_FOUND' };
      const outcome = (res: { status: number; body: unknown }): { status: number; code: string | undefined } => ({
        status: res.status,
        code: (res.body as Envelope<unknown>).error?.code,
      });
      expect(outcome(await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/actions/old`))).toEqual(notFound);
      expect(
        outcome(await app.admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/old`, { payload: {} })),
      ).toEqual(notFound);
      expect(outcome(await app.admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/old/prepare`))).toEqual(
        notFound,
      );
      expect(outcome(await app.admin.post(`/api/admin/commands/${oldCommand}/retry`))).toEqual(notFound);

      // History: the old command still reads in full, by id and in the lists.
      const old = (
        (await app.admin.get(`/api/admin/commands/${oldCommand}`).expect(200)).body as Envelope<
          CommandView & { result: { data: unknown } | null }
        >
      ).data;
      expect(old).toMatchObject({
        actionName: 'old',
        status: 'FAILED',
        errorCode: 'BOOM',
        result: { data: { tried: true } },
      });
      const listed = (
        (await app.admin.get(`/api/admin/commands?serviceId=${a.serviceId}&actionName=old`)).body as Envelope<
          CommandView[]
        >
      ).data;
      expect(listed.map((c) => c.id)).toEqual([oldCommand]);

      // Reported again, the action comes back with its old id.
      await reportCatalog(a, ['echo', 'old'], ['keep.me']);
      expect(
        (
          (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/actions/old`).expect(200)).body as Envelope<{
            id: string;
          }>
        ).data.id,
      ).toBe(oldId);
      expect((await execute(a, 'old')).success).toBe(true);
    });

    it('an action the agent reports as disabled stays listed and is refused with 409 ACTION_DISABLED', async () => {
      const a = await registerAgent(app.t.server, app.admin, 'disabled-agent', [action('echo')]);
      const service = reportedService(a.serviceCode, {
        actions: [action('echo'), { ...action('off'), enabled: false }],
      });
      await asAgent(app.t.server, a.token)
        .post(`/api/agents/${a.agentId}/services/report`, { services: [service] })
        .expect(200);
      const listed = (
        (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/actions`)).body as Envelope<
          { name: string; enabled: boolean }[]
        >
      ).data;
      expect(listed.map((x) => [x.name, x.enabled])).toEqual([
        ['echo', true],
        ['off', false],
      ]);
      const res = await app.admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/off`, { payload: {} });
      expect({ status: res.status, code: (res.body as Envelope<unknown>).error?.code }).toEqual({
        status: 409,
        code: 'ACTION_DISABLED',
      });
    });
  });

  describe('service health', () => {
    interface HealthView {
      id: string;
      serviceId: string;
      agentId: string;
      status: string;
      message: string | null;
      details: Record<string, unknown>;
      reportedAt: string;
    }

    it('GET …/health is the latest report (or null); …/health/history pages the reports newest first', async () => {
      const a = await registerAgent(app.t.server, app.admin, 'health-agent', [action('echo')]);
      const hb = (health: object): Promise<unknown> =>
        asAgent(app.t.server, a.token)
          .post(`/api/agents/${a.agentId}/heartbeat`, { serviceId: a.serviceId, health })
          .expect(200);
      app.clock.advance(1000);
      await hb({ status: 'DEGRADED', message: 'slow', details: { latencyMs: 900 } });
      app.clock.advance(1000);
      await hb({ status: 'DOWN', message: 'gone' });

      const latest = (
        (await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/health`).expect(200))
          .body as Envelope<HealthView | null>
      ).data;
      expect(latest).toMatchObject({
        serviceId: a.serviceId,
        agentId: a.agentId,
        status: 'DOWN',
        message: 'gone',
        details: {},
      });
      expect(Array.isArray(latest)).toBe(false);

      const page1 = (
        await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/health/history?pageSize=2`).expect(200)
      ).body as Envelope<HealthView[]>;
      expect(page1.data.map((h) => h.status)).toEqual(['DOWN', 'DEGRADED']);
      expect(page1.data[0]).toEqual(latest);
      expect(page1.pagination).toEqual({ page: 1, pageSize: 2, total: 3 });
      const page2 = (
        await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/health/history?page=2&pageSize=2`).expect(200)
      ).body as Envelope<HealthView[]>;
      expect(page2.data.map((h) => h.status)).toEqual(['UP']);
      const bad = await app.admin.get(`/api/admin/capsule-services/${a.serviceId}/health/history?pageSize=abc`);
      expect({ status: bad.status, code: (bad.body as Envelope<unknown>).error?.code }).toEqual({
        status: 422,
        code: 'VALIDATION_FAILED',
      });
      expect((await app.admin.get('/api/admin/capsule-services/svc_missing/health/history')).status).toBe(404);
    });

    it('a service that never reported health answers null and an empty history', async () => {
      const a = await registerAgent(app.t.server, app.admin, 'quiet-agent', [action('echo')]);
      await asAgent(app.t.server, a.token)
        .post(`/api/agents/${a.agentId}/services/report`, {
          services: [{ ...reportedService('quiet-svc'), health: undefined }],
        })
        .expect(200);
      const quiet = (
        (await app.admin.get('/api/admin/capsule-services?q=quiet-svc')).body as Envelope<{ id: string }[]>
      ).data[0]!.id;
      expect(
        ((await app.admin.get(`/api/admin/capsule-services/${quiet}/health`).expect(200)).body as Envelope<unknown>)
          .data,
      ).toBeNull();
      const history = (await app.admin.get(`/api/admin/capsule-services/${quiet}/health/history`).expect(200))
        .body as Envelope<unknown[]>;
      expect({ data: history.data, total: history.pagination?.total }).toEqual({ data: [], total: 0 });
    });
  });

  describe('command expiry', () => {
    it('the scheduled sweep expires with the same code and message as read-time expiry and cancel', async () => {
      const a = await registerAgent(app.t.server, app.admin, 'expiry-agent', [
        { name: 'echo', label: 'Echo', timeoutSeconds: 5 },
      ]);
      const pending = (await execute(a)).data.id;
      const running = (await execute(a)).data.id;
      const readTime = (await execute(a)).data.id;
      const cancelled = (await execute(a)).data.id;
      await app.admin.post(`/api/admin/commands/${running}/cancel`).expect(200);
      // `running` was cancelled while PENDING; claim one more for the RUNNING case.
      const claimed = (await execute(a)).data.id;
      expect(
        ((await poll(app.t.server, a.agentId, a.token, '?limit=10')).body as Envelope<{ id: string }[]>).data.map(
          (c) => c.id,
        ),
      ).toContain(claimed);
      app.clock.advance(6_000);

      // Read time: the detail shows it expired before any sweep ran.
      expect(await command(readTime)).toMatchObject(EXPIRED);
      // Cancel of an overdue command persists the expiry (409) instead of cancelling.
      expect((await app.admin.post(`/api/admin/commands/${cancelled}/cancel`)).status).toBe(409);
      expect(await command(cancelled)).toMatchObject(EXPIRED);

      const sweep = (await app.admin.post('/api/admin/maintenance/run').expect(200)).body as Envelope<{
        expiredCommands: number;
      }>;
      expect(sweep.data.expiredCommands).toBeGreaterThanOrEqual(2);
      expect(await command(pending)).toMatchObject(EXPIRED);
      expect(await command(claimed)).toMatchObject(EXPIRED);
      const listed = (
        (await app.admin.get(`/api/admin/commands?agentId=${a.agentId}&status=EXPIRED`)).body as Envelope<CommandView[]>
      ).data;
      for (const c of listed)
        expect({ errorCode: c.errorCode, errorMessage: c.errorMessage }).toEqual({
          errorCode: EXPIRED.errorCode,
          errorMessage: EXPIRED.errorMessage,
        });
      expect(listed).toHaveLength(4);
    });
  });
});
