import request from 'supertest';
import { DataSource } from 'typeorm';
import { AgentEntity } from '../src/agents/agent.entity';
import { RegistrationTokenEntity } from '../src/registration-tokens/registration-token.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { createToken, registerAgent, registerRaw } from './support/agent-flow';
import { seedAgentWithService } from './support/seed';
import { dbCount, dbQuery } from './support/db';

// Bursts, real sockets and a loaded 2-core CI machine: jest's 5 s default is too tight here
// (npm test's run of every project applied the 5 s default, not the e2e project's testTimeout).
jest.setTimeout(60_000);

/** Regression tests for the review's agent findings (docs/security.md): takeover, parked polls. */
describe('security: agents', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  const db = (): DataSource => t.app.get(DataSource);
  const hb = (agentId: string, token: string): request.Test =>
    asAgent(t.server, token).post(`/api/agents/${agentId}/heartbeat`, {});
  const agentRow = (id: string): Promise<AgentEntity> => db().getRepository(AgentEntity).findOneByOrFail({ id });
  const auditCount = async (action: string, targetId?: string): Promise<number> => {
    return dbCount(
      t,
      `SELECT COUNT(*) AS "n" FROM audit_events WHERE action = ?${targetId ? ' AND "targetId" = ?' : ''}`,
      targetId ? [action, targetId] : [action],
    );
  };

  it('an unbound registration token cannot take over an existing agent code (live or revoked): 409, nothing changed, audited', async () => {
    const victim = await registerAgent(t.server, admin, 'victim');
    const attacker = await createToken(admin, { name: 'unbound' });
    const body = {
      registrationToken: attacker.token,
      agent: { code: 'victim', name: 'Evil', mode: 'embedded', runtime: 'nodejs' },
    };

    const res = await registerRaw(t.server, body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('AGENT_CODE_TAKEN');
    expect(JSON.stringify(res.body)).not.toContain('opstage_agent_');
    // The real agent keeps working, its name is untouched, and the token was not used up.
    expect((await hb(victim.agentId, victim.agentToken)).status).toBe(200);
    expect((await agentRow(victim.agentId)).name).toBe('Agent victim');
    expect((await db().getRepository(RegistrationTokenEntity).findOneByOrFail({ id: attacker.id })).status).toBe(
      'ACTIVE',
    );
    const rejected = await dbQuery<{ metadataJson: string }>(
      t,
      `SELECT "metadataJson" FROM audit_events WHERE action = 'agent.registration.rejected'`,
    );
    expect(rejected.map((r) => JSON.parse(r.metadataJson).reason)).toContain('agent_code_taken');

    // A revoked agent does not come back through an unbound token either.
    await admin.post(`/api/admin/agents/${victim.agentId}/revoke`).expect(200);
    const again = await registerRaw(t.server, body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('AGENT_CODE_TAKEN');
    expect((await agentRow(victim.agentId)).status).toBe('REVOKED');
  });

  it('a token bound to the code recovers the agent: same id, rotated token, REVOKED comes back ONLINE, audited agent.recovered', async () => {
    const first = await registerAgent(t.server, admin, 'recoverable');
    await admin.post(`/api/admin/agents/${first.agentId}/revoke`).expect(200);
    const recovery = await createToken(admin, { name: 'recovery', agentCode: 'recoverable' });
    const res = await registerRaw(t.server, {
      registrationToken: recovery.token,
      agent: { code: 'recoverable', mode: 'embedded', runtime: 'nodejs' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.agentId).toBe(first.agentId);
    expect((await hb(first.agentId, first.agentToken)).status).toBe(401);
    expect((await hb(first.agentId, res.body.data.agentToken)).status).toBe(200);
    const row = await agentRow(first.agentId);
    expect(row.status).toBe('ONLINE');
    expect(row.revokedAt).toBeNull();
    expect(await auditCount('agent.recovered', first.agentId)).toBe(1);
    const [recovered] = await dbQuery<{ metadataJson: string }>(
      t,
      `SELECT "metadataJson" FROM audit_events WHERE action = 'agent.recovered' AND "targetId" = ?`,
      [first.agentId],
    );
    expect(JSON.parse(recovered!.metadataJson)).toMatchObject({
      code: 'recoverable',
      previousStatus: 'REVOKED',
      status: 'ONLINE',
      revokedTokens: 0,
    });
  });

  it('recovery never clears DISABLED', async () => {
    const first = await registerAgent(t.server, admin, 'paused');
    await admin.post(`/api/admin/agents/${first.agentId}/disable`).expect(200);
    const recovery = await createToken(admin, { name: 'recovery', agentCode: 'paused' });
    const res = await registerRaw(t.server, {
      registrationToken: recovery.token,
      agent: { code: 'paused', mode: 'embedded', runtime: 'nodejs' },
    });
    expect(res.status).toBe(200);
    expect((await agentRow(first.agentId)).status).toBe('DISABLED');
    expect((await hb(first.agentId, res.body.data.agentToken)).status).toBe(403);
    expect((await hb(first.agentId, first.agentToken)).status).toBe(401);
  });

  it('at most 2 parked long-polls per agent: a third answers the oldest one empty at once', async () => {
    const a = await seedAgentWithService(t.app);
    const started = Date.now();
    const poll = () =>
      asAgent(t.server, a.token)
        .get(`/api/agents/${a.agentId}/commands?waitSeconds=4`)
        .then((res) => ({ status: res.status, data: res.body.data as unknown[], ms: Date.now() - started }));
    const oldest = poll();
    await new Promise((r) => setTimeout(r, 200));
    const middle = poll();
    await new Promise((r) => setTimeout(r, 200));
    const newest = poll();
    const first = await oldest;
    expect(first).toMatchObject({ status: 200, data: [] });
    expect(first.ms).toBeLessThan(2500);
    const rest = await Promise.all([middle, newest]);
    for (const r of rest) {
      expect(r).toMatchObject({ status: 200, data: [] });
      expect(r.ms).toBeGreaterThanOrEqual(3500);
    }
  });
});
