import request from 'supertest';
import { DataSource } from 'typeorm';
import type { BusEventRequest } from '../sdk/src/protocol-bus';
import { BusEventEntity } from '../src/bus/bus-event.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent, userWithRole, type SeededAgent } from './support/seed';

/**
 * Capsule Bus feature flag (docs/capsule-bus.md, "Turning it on"; the reference's bus scenario 1): with the flag off every
 * bus endpoint is 404 CAPSULE_BUS_DISABLED, but only after authentication, CSRF and role.
 */

function publish(t: TestApp, a: SeededAgent, body: BusEventRequest | Record<string, unknown>): request.Test {
  return asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/bus/events`, body);
}

describe('Capsule Bus with the flag off', () => {
  let t: TestApp;
  let owner: AdminClient;
  let viewer: AdminClient;
  let agent: SeededAgent;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'false' } });
    owner = await loginAs(t.server);
    viewer = await userWithRole(t.server, owner, 'bus-off-viewer', 'viewer');
    agent = await registerAgent(t.server, owner, 'off-agent', [{ name: 'notify', label: 'Notify' }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('as the reference: unauthenticated is 401, authenticated is 404 CAPSULE_BUS_DISABLED', async () => {
    const anon = await request(t.server).get('/api/admin/bus/routes');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHORIZED');
    const res = await owner.get('/api/admin/bus/routes');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CAPSULE_BUS_DISABLED');
    expect(res.body.error.message).toMatch(/OPSTAGE_CAPSULE_BUS_ENABLED=true/);
  });

  it('checks session, CSRF and role before the flag; the flag before the body', async () => {
    expect((await request(t.server).post('/api/admin/bus/routes').send({})).status).toBe(401);
    const noCsrf = await owner.agent.post('/api/admin/bus/routes').send({});
    expect([noCsrf.status, noCsrf.body.error.code]).toEqual([403, 'CSRF_INVALID']);
    for (const res of [
      await viewer.post('/api/admin/bus/routes', {}),
      await viewer.put('/api/admin/bus/routes/brt_x', {}),
      await viewer.delete('/api/admin/bus/routes/brt_x'),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    for (const path of [
      '/api/admin/bus/routes',
      '/api/admin/bus/routes/brt_x',
      '/api/admin/bus/events',
      '/api/admin/bus/audit',
      '/api/admin/bus/events?agentId=bad',
    ]) {
      const res = await viewer.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'CAPSULE_BUS_DISABLED']);
    }
    // An invalid body would be 422 with the flag on; with it off the flag answers first.
    for (const res of [
      await owner.post('/api/admin/bus/routes', { bogus: true }),
      await owner.put('/api/admin/bus/routes/brt_x', {}),
      await owner.delete('/api/admin/bus/routes/brt_x'),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([404, 'CAPSULE_BUS_DISABLED']);
    }
  });

  it('/api/system/version says the bus is off, so the console never calls it', async () => {
    const res = await request(t.server).get('/api/system/version').expect(200);
    expect(res.body.data.features).toEqual({ capsuleBus: false });
  });

  it('agent endpoint: 401 without a token, then 404 CAPSULE_BUS_DISABLED, and nothing is stored or routed', async () => {
    const anon = await request(t.server)
      .post(`/api/agents/${agent.agentId}/bus/events`)
      .send({ eventType: 'x', sourceServiceCode: agent.serviceCode });
    expect(anon.status).toBe(401);
    const wrong = await asAgent(t.server, 'opstage_agent_not-a-real-token-000000000').post(
      `/api/agents/${agent.agentId}/bus/events`,
      {},
    );
    expect(wrong.status).toBe(401);
    for (const body of [{ eventType: 'x', sourceServiceCode: agent.serviceCode }, { nonsense: 1 }]) {
      const res = await publish(t, agent, body);
      expect([res.status, res.body.error.code]).toEqual([404, 'CAPSULE_BUS_DISABLED']);
    }
    expect(await t.app.get(DataSource).getRepository(BusEventEntity).count()).toBe(0);
  });
});

describe('Capsule Bus with the flag on', () => {
  it('/api/system/version says the bus is on', async () => {
    const t = await createTestApp({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } });
    try {
      const res = await request(t.server).get('/api/system/version').expect(200);
      expect(res.body.data.features).toEqual({ capsuleBus: true });
    } finally {
      await t.close();
    }
  });
});
