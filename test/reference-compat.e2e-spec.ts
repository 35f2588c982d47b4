import request from 'supertest';
import { createToken, registerAgent, registerRaw, reportedService } from './support/agent-flow';
import { poll } from './support/commands-helpers';
import { appPerTest } from './support/app-per-test';
import { seedAgentWithService } from './support/seed';

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
}

function outcome(res: { status: number; body: unknown }): { status: number; code: string | undefined } {
  return { status: res.status, code: (res.body as Envelope<unknown>).error?.code };
}

const VALIDATION_FAILED = { status: 422, code: 'VALIDATION_FAILED' };

/** What an agent or client written for the reference 0.4 SDK sends must work, and its mistakes get the reference's codes
 * (docs/design/compatibility.md, "Deliberate differences"). */
describe('reference agents and clients', () => {
  const app = appPerTest();

  describe('command poll limit', () => {
    it('clamps a limit above 10 to 10; non-numbers, fractions and values below 1 are 422', async () => {
      const a = await seedAgentWithService(app.t.app);
      for (let i = 0; i < 12; i += 1)
        await app.admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} }).expect(200);
      const first = await poll(app.t.server, a.agentId, a.token, '?limit=20');
      expect(first.status).toBe(200);
      expect((first.body as Envelope<unknown[]>).data).toHaveLength(10);
      const huge = await poll(app.t.server, a.agentId, a.token, '?limit=1000000');
      expect((huge.body as Envelope<unknown[]>).data).toHaveLength(2);
      for (const bad of ['abc', '0', '-1', '2.5', '']) {
        const res = await poll(app.t.server, a.agentId, a.token, `?limit=${bad}`);
        if (bad === '') {
          expect(res.status).toBe(200);
          continue;
        }
        expect({ bad, ...outcome(res) }).toEqual({ bad, ...VALIDATION_FAILED });
        expect([...new Set((res.body as Envelope<unknown>).error?.details?.issues?.map((i) => i.path))]).toEqual([
          'limit',
        ]);
      }
    });
  });

  describe('request bodies that are JSON but not an object', () => {
    const NOT_OBJECTS = ['[]', '[{"username":"admin"}]', '"admin"', '42', 'null', 'true'];

    it('are 422 VALIDATION_FAILED with an issue on every kind of endpoint; unparsable text stays 400 INVALID_JSON', async () => {
      const a = await seedAgentWithService(app.t.app);
      const endpoints: { name: string; send: (body: string) => request.Test }[] = [
        {
          name: 'login (public)',
          send: (body) =>
            request(app.t.server).post('/api/admin/auth/login').set('Content-Type', 'application/json').send(body),
        },
        {
          name: 'register (public, agent API)',
          send: (body) =>
            request(app.t.server).post('/api/agents/register').set('Content-Type', 'application/json').send(body),
        },
        {
          name: 'heartbeat (agent)',
          send: (body) =>
            request(app.t.server)
              .post(`/api/agents/${a.agentId}/heartbeat`)
              .set('Authorization', `Bearer ${a.token}`)
              .set('Content-Type', 'application/json')
              .send(body),
        },
        {
          name: 'execute (operator)',
          send: (body) =>
            app.admin.agent
              .post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`)
              .set('X-CSRF-Token', app.admin.csrfToken)
              .set('Content-Type', 'application/json')
              .send(body),
        },
        {
          name: 'logout (no body expected)',
          send: (body) =>
            app.admin.agent
              .post('/api/admin/auth/logout')
              .set('X-CSRF-Token', app.admin.csrfToken)
              .set('Content-Type', 'application/json')
              .send(body),
        },
      ];
      for (const endpoint of endpoints) {
        for (const body of NOT_OBJECTS) {
          const res = await endpoint.send(body);
          expect({ endpoint: endpoint.name, body, ...outcome(res) }).toEqual({
            endpoint: endpoint.name,
            body,
            ...VALIDATION_FAILED,
          });
          const issues = (res.body as Envelope<unknown>).error?.details?.issues ?? [];
          expect(issues).toEqual([{ path: '', message: expect.stringContaining('JSON object') }]);
        }
        const broken = await endpoint.send('{"username":');
        expect({ endpoint: endpoint.name, ...outcome(broken) }).toEqual({
          endpoint: endpoint.name,
          status: 400,
          code: 'INVALID_JSON',
        });
      }
      // The session survived every refused logout.
      expect((await app.admin.get('/api/admin/auth/me')).status).toBe(200);
    });
  });

  describe('registration token shape', () => {
    it('a token that is not a string or lacks the opstage_reg_ prefix is 422 on registrationToken; a well-formed bad one is 401', async () => {
      const agent = { code: 'shape-agent' };
      for (const registrationToken of [
        12345,
        null,
        true,
        ['opstage_reg_x'],
        { token: 'x' },
        'opstage_agent_abc',
        'abc',
        '',
      ]) {
        const res = await registerRaw(app.t.server, { registrationToken, agent });
        expect({ registrationToken, ...outcome(res) }).toEqual({ registrationToken, ...VALIDATION_FAILED });
        expect((res.body as Envelope<unknown>).error?.details?.issues?.map((i) => i.path)).toContain(
          'registrationToken',
        );
      }
      const unknown = await registerRaw(app.t.server, {
        registrationToken: 'opstage_reg_unknownunknownunknownunknown',
        agent,
      });
      expect(outcome(unknown)).toEqual({ status: 401, code: 'REGISTRATION_TOKEN_INVALID' });

      const used = await createToken(app.admin);
      expect((await registerRaw(app.t.server, { registrationToken: used.token, agent })).status).toBe(200);
      expect(
        outcome(await registerRaw(app.t.server, { registrationToken: used.token, agent: { code: 'other-agent' } })),
      ).toEqual({ status: 401, code: 'REGISTRATION_TOKEN_INVALID' });
      const revoked = await createToken(app.admin);
      await app.admin.post(`/api/admin/registration-tokens/${revoked.id}/revoke`).expect(200);
      expect(
        outcome(await registerRaw(app.t.server, { registrationToken: revoked.token, agent: { code: 'third-agent' } })),
      ).toEqual({ status: 401, code: 'REGISTRATION_TOKEN_INVALID' });
    });
  });

  describe('registration token deletion', () => {
    it('only REVOKED and EXPIRED tokens can be deleted; ACTIVE and USED are 409 REGISTRATION_TOKEN_NOT_DELETABLE', async () => {
      const active = await createToken(app.admin);
      const used = await createToken(app.admin);
      await registerRaw(app.t.server, { registrationToken: used.token, agent: { code: 'used-by-me' } }).expect(200);
      const revoked = await createToken(app.admin);
      await app.admin.post(`/api/admin/registration-tokens/${revoked.id}/revoke`).expect(200);
      const expired = await createToken(app.admin, { name: 'short', expiresInSeconds: 60 });
      app.clock.advance(61_000);

      const notDeletable = { status: 409, code: 'REGISTRATION_TOKEN_NOT_DELETABLE' };
      expect(outcome(await app.admin.delete(`/api/admin/registration-tokens/${active.id}`))).toEqual(notDeletable);
      const usedRes = await app.admin.delete(`/api/admin/registration-tokens/${used.id}`);
      expect(outcome(usedRes)).toEqual(notDeletable);
      expect((usedRes.body as Envelope<unknown>).error?.details).toMatchObject({ status: 'USED' });
      expect(outcome(await app.admin.delete(`/api/admin/registration-tokens/${revoked.id}`))).toEqual({
        status: 200,
        code: undefined,
      });
      expect(outcome(await app.admin.delete(`/api/admin/registration-tokens/${expired.id}`))).toEqual({
        status: 200,
        code: undefined,
      });

      // The USED token is still the record of which token registered which agent.
      const list = (await app.admin.get('/api/admin/registration-tokens?status=USED')).body as Envelope<
        { id: string; agentId: string | null }[]
      >;
      expect(list.data.map((r) => r.id)).toEqual([used.id]);
      expect(list.data[0]!.agentId).toMatch(/^agt_/);
    });
  });

  it('a reference 0.4 agent registers, heartbeats, polls with limit=20 and reports a result unchanged', async () => {
    const { agentId, agentToken } = await registerAgent(app.t.server, app.admin, 'ref-agent', {
      service: reportedService('ref-svc'),
    });
    const bearer = { Authorization: `Bearer ${agentToken}` };
    await request(app.t.server).post(`/api/agents/${agentId}/heartbeat`).set(bearer).send({}).expect(200);
    const svc = ((await app.admin.get('/api/admin/capsule-services?q=ref-svc')).body as Envelope<{ id: string }[]>)
      .data[0]!.id;
    const cmd = (
      (await app.admin.post(`/api/admin/capsule-services/${svc}/actions/echo`, { payload: {} }).expect(200))
        .body as Envelope<{ id: string }>
    ).data.id;
    const polled = await request(app.t.server).get(`/api/agents/${agentId}/commands?limit=20`).set(bearer).expect(200);
    expect((polled.body as Envelope<{ id: string }[]>).data.map((c) => c.id)).toEqual([cmd]);
    await request(app.t.server)
      .post(`/api/agents/${agentId}/commands/${cmd}/result`)
      .set(bearer)
      .send({ success: true, data: {} })
      .expect(200);
    expect(((await app.admin.get(`/api/admin/commands/${cmd}`)).body as Envelope<{ status: string }>).data.status).toBe(
      'SUCCEEDED',
    );
  });
});
