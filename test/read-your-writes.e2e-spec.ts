import request from 'supertest';
import { createTestApp, type TestApp } from './support/create-test-app';
import { answerNext, start } from './support/commands-helpers';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';

interface Envelope<T> {
  success: boolean;
  data: T;
  pagination?: { total: number };
  error?: { code: string };
}

const SILENT_FOR_MS = 10 * 60 * 1000;

/**
 * Once a heartbeat is answered, every read reflects it at once (docs/agents.md,
 * "Heartbeat"). Each case seeds an agent that has been silent past the offline threshold, sends one
 * heartbeat and reads one endpoint right away: the heartbeat's stamp and its sampled audit row
 * are still in the liveness write-behind buffer (flushed once a second) at that moment.
 */
describe('read your writes after a heartbeat', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_METRICS_ENABLED: 'true' } });
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  /** An agent stored ONLINE with a 10-minute-old stamp (OFFLINE by age) that has just heartbeated. */
  async function cameBack(): Promise<SeededAgent> {
    const a = await seedAgentWithService(t.app, {
      lastHeartbeatAt: new Date(Date.now() - SILENT_FOR_MS).toISOString(),
      actions: [{ name: 'ping' }],
    });
    await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/heartbeat`, {}).expect(200);
    return a;
  }

  it('service detail and the agent detail show the service live', async () => {
    const a = await cameBack();
    const detail = (await admin.get(`/api/admin/capsule-services/${a.serviceId}`).expect(200)).body as Envelope<{
      status: string;
    }>;
    expect(detail.data.status).toBe('HEALTHY');
    const b = await cameBack();
    const agent = (await admin.get(`/api/admin/agents/${b.agentId}`).expect(200)).body as Envelope<{
      effectiveStatus: string;
      services: { status: string }[];
    }>;
    expect(agent.data.effectiveStatus).toBe('ONLINE');
    expect(agent.data.services.map((s) => s.status)).toEqual(['HEALTHY']);
  });

  it('service and agent lists filter and count on the new stamp', async () => {
    const a = await cameBack();
    const offline = (await admin.get(`/api/admin/capsule-services?status=OFFLINE&agentId=${a.agentId}`).expect(200))
      .body as Envelope<unknown[]>;
    expect(offline.pagination?.total).toBe(0);
    const b = await cameBack();
    const healthy = (await admin.get(`/api/admin/capsule-services?status=HEALTHY&agentId=${b.agentId}`).expect(200))
      .body as Envelope<unknown[]>;
    expect(healthy.pagination?.total).toBe(1);
    const c = await cameBack();
    const code = (await admin.get(`/api/admin/agents/${c.agentId}`)).body as Envelope<{ code: string }>;
    const online = (await admin.get(`/api/admin/agents?status=ONLINE&q=${code.data.code}`).expect(200))
      .body as Envelope<unknown[]>;
    expect(online.pagination?.total).toBe(1);
  });

  it('execute and prepare are not refused as offline', async () => {
    const a = await cameBack();
    const exec = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    expect(exec.status).toBe(200);
    const b = await cameBack();
    const prepare = start(admin.post(`/api/admin/capsule-services/${b.serviceId}/actions/ping/prepare`));
    const answered = answerNext(t.server, b.agentId, b.token, () => ({
      success: true,
      data: { currentState: {} },
    })).catch((e: unknown) => e);
    const res = await prepare;
    expect({ status: res.status, code: (res.body as Envelope<unknown>).error?.code }).toEqual({
      status: 200,
      code: undefined,
    });
    expect(await answered).toMatchObject({ type: 'ACTION_PREPARE' });
  });

  it('the heartbeat audit row is in the audit list and both exports', async () => {
    const a = await cameBack();
    const list = (
      await admin.get(`/api/admin/audit-events?action=agent.heartbeat.received&targetId=${a.agentId}`).expect(200)
    ).body as Envelope<unknown[]>;
    expect(list.pagination?.total).toBe(1);
    const b = await cameBack();
    const json = await admin
      .get(`/api/admin/audit-events/export?format=json&action=agent.heartbeat.received&targetId=${b.agentId}`)
      .expect(200);
    expect(json.text).toContain(b.agentId);
    const c = await cameBack();
    const csv = await admin
      .get(`/api/admin/audit-events/export?format=csv&action=agent.heartbeat.received&targetId=${c.agentId}`)
      .expect(200);
    expect(csv.text).toContain(c.agentId);
  });

  it('dashboard, metrics and Prometheus count the agent online', async () => {
    await cameBack();
    const dash = (await admin.get('/api/admin/dashboard/summary').expect(200)).body as Envelope<{
      agentCounts: Record<string, number>;
      serviceCounts: Record<string, number>;
    }>;
    expect(dash.data.agentCounts.OFFLINE ?? 0).toBe(0);
    expect(dash.data.serviceCounts.OFFLINE ?? 0).toBe(0);
    await cameBack();
    const metrics = (await admin.get('/api/admin/metrics').expect(200)).body as Envelope<{
      byStatus: { agents: Record<string, number>; capsuleServices: Record<string, number> };
    }>;
    expect(metrics.data.byStatus.agents.OFFLINE ?? 0).toBe(0);
    expect(metrics.data.byStatus.capsuleServices.OFFLINE ?? 0).toBe(0);
    await cameBack();
    const prom = await request(t.server).get('/metrics').expect(200);
    expect(prom.text).toMatch(/^opstage_agents\{status="OFFLINE",replica="[^"]+"\} 0$/m);
    expect(prom.text).toMatch(/^opstage_capsule_services\{status="OFFLINE",replica="[^"]+"\} 0$/m);
  });
});
