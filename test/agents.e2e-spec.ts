import request from 'supertest';
import { DataSource } from 'typeorm';
import type { HeartbeatRequest, HeartbeatResponse, RegisterAgentResponse } from '../sdk/src/protocol';
import { AgentEntity } from '../src/agents/agent.entity';
import { AgentTokenEntity } from '../src/agents/agent-token.entity';
import { LIVENESS_FLUSH_MS, LivenessWriter } from '../src/agent-gateway/liveness-writer';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { CapsuleServiceEntity } from '../src/capsule-services/capsule-service.entity';
import { HealthReportEntity } from '../src/capsule-services/health-report.entity';
import { ActionDefinitionEntity } from '../src/capsule-services/action-definition.entity';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { waitFor } from './support/wait';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { createToken, registerAgent, registerRaw, reportedService } from './support/agent-flow';

// Real SQLite, argon2 login and 50-way races: generous under a loaded CI machine.
jest.setTimeout(30_000);

describe('agents (e2e)', () => {
  const clock = new FixedClock('2026-03-01T10:00:00.000Z');
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '90' } });
    admin = await loginAs(t.server);
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  /** Sampled heartbeat audits wait in the LivenessWriter for up to a second: flush, then read. */
  const audits = async (action: string, targetId?: string): Promise<AuditEventEntity[]> => {
    await t.app.get(LivenessWriter).flush();
    return db()
      .getRepository(AuditEventEntity)
      .find({ where: targetId ? { action, targetId } : { action }, order: { createdAt: 'ASC' } });
  };
  const hb = (agentId: string, token: string, body: HeartbeatRequest = {}): request.Test =>
    asAgent(t.server, token).post(`/api/agents/${agentId}/heartbeat`, body);

  it('registers (the reference response shape), records identity, heartbeats with intervals and cancelledCommandIds', async () => {
    const { token } = await createToken(admin);
    const res = await registerRaw(t.server, {
      registrationToken: token,
      agent: {
        code: 'demo-agent',
        name: 'Demo',
        mode: 'embedded',
        runtime: 'nodejs',
        hostname: 'host-1',
        sdkVersion: '0.5.0',
        version: '1.2.3',
      },
      service: reportedService('demo-service'),
    });
    expect(res.status).toBe(200);
    const data = res.body.data as RegisterAgentResponse;
    expect(data.agentId).toMatch(/^agt_/);
    expect(data.agentToken).toMatch(/^opstage_agent_[A-Za-z0-9_-]{43}$/);
    expect(data).toMatchObject({ heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5 });
    const row = await db().getRepository(AgentEntity).findOneByOrFail({ id: data.agentId });
    expect(row).toMatchObject({
      code: 'demo-agent',
      status: 'ONLINE',
      hostname: 'host-1',
      sdkVersion: '0.5.0',
      version: '1.2.3',
      runtime: 'nodejs',
    });
    const tokenRow = await db().getRepository(AgentTokenEntity).findOneByOrFail({ agentId: data.agentId });
    expect(tokenRow.tokenHash).not.toContain(data.agentToken);

    const beat = await hb(data.agentId, data.agentToken);
    expect(beat.status).toBe(200);
    const hbData = beat.body.data as HeartbeatResponse;
    expect(hbData).toEqual({ heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5, cancelledCommandIds: [] });
    await t.app.get(LivenessWriter).flush();
    const actions = (await db().getRepository(AuditEventEntity).findBy({ actorId: data.agentId })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'registration_token.consumed',
        'agent.registered',
        'agent.heartbeat.received',
        'service.reported',
      ]),
    );
    const all = await db().getRepository(AuditEventEntity).find();
    expect(JSON.stringify(all)).not.toContain(data.agentToken);
    expect(JSON.stringify(all)).not.toContain(token);
  });

  it('heartbeat auth matrix: missing, malformed, unknown, wrong agent, disabled, revoked', async () => {
    const a = await registerAgent(t.server, admin, 'matrix-a');
    const b = await registerAgent(t.server, admin, 'matrix-b');
    const url = `/api/agents/${a.agentId}/heartbeat`;
    const missing = await request(t.server).post(url).send({});
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Agent token required.' });
    for (const header of ['Bearer', 'Bearer ', 'Basic abc def', 'Bearer a b']) {
      const res = await request(t.server).post(url).set('Authorization', header).send({});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    const unknown = await request(t.server).post(url).set('Authorization', 'Bearer opstage_agent_bogus').send({});
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('Invalid Agent token.');
    const wrongAgent = await hb(a.agentId, b.agentToken);
    expect(wrongAgent.status).toBe(401);
    expect(wrongAgent.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid Agent token.' });
    const missingAgent = await hb('agt_missing', a.agentToken);
    expect(missingAgent.status).toBe(401);
    // The reference accepts a bare token and a lower-case scheme.
    expect((await request(t.server).post(url).set('Authorization', a.agentToken).send({})).status).toBe(200);
    expect((await request(t.server).post(url).set('Authorization', `bearer ${a.agentToken}`).send({})).status).toBe(
      200,
    );

    expect((await admin.post(`/api/admin/agents/${a.agentId}/disable`)).body.data.status).toBe('DISABLED');
    const disabled = await hb(a.agentId, a.agentToken);
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('AGENT_DISABLED');
    const enabled = await admin.post(`/api/admin/agents/${a.agentId}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body.data.status).toBe('ONLINE');
    expect((await hb(a.agentId, a.agentToken)).status).toBe(200);

    const revoked = await admin.post(`/api/admin/agents/${a.agentId}/revoke`);
    expect(revoked.body.data.status).toBe('REVOKED');
    const afterRevoke = await hb(a.agentId, a.agentToken);
    expect(afterRevoke.status).toBe(401);
    expect((await admin.post(`/api/admin/agents/${a.agentId}/disable`)).status).toBe(409);

    const rejected = await audits('agent.auth.rejected', a.agentId);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    // Sampled per agent: far fewer rows than rejections (missing, 4 malformed, unknown, wrong, disabled, revoked).
    expect(rejected.length).toBeLessThan(4);
    expect(rejected[0]!.result).toBe('FAILURE');
  });

  it('recovery (a token bound to the code) rotates tokens (numeric revokedTokens), clears REVOKED, never clears DISABLED', async () => {
    const recover = async (): Promise<{ agentId: string; agentToken: string }> => {
      const { token } = await createToken(admin, { name: 'recovery', agentCode: 'rotating' });
      const res = await registerRaw(t.server, {
        registrationToken: token,
        agent: { code: 'rotating', name: 'Agent rotating', mode: 'embedded', runtime: 'nodejs' },
      });
      expect(res.status).toBe(200);
      return res.body.data as { agentId: string; agentToken: string };
    };
    const first = await registerAgent(t.server, admin, 'rotating');
    expect((await hb(first.agentId, first.agentToken)).status).toBe(200);
    const second = await recover();
    expect(second.agentId).toBe(first.agentId);
    expect(second.agentToken).not.toBe(first.agentToken);
    expect((await hb(first.agentId, first.agentToken)).status).toBe(401);
    expect((await hb(second.agentId, second.agentToken)).status).toBe(200);
    const recovered = await admin.get(`/api/admin/audit-events?action=agent.recovered&targetId=${first.agentId}`);
    expect(recovered.status).toBe(200);
    expect(recovered.body.data).toHaveLength(1);
    expect(recovered.body.data[0].metadata.revokedTokens).toBe(1);

    await admin.post(`/api/admin/agents/${first.agentId}/revoke`);
    const third = await recover();
    expect(third.agentId).toBe(first.agentId);
    expect((await db().getRepository(AgentEntity).findOneByOrFail({ id: first.agentId })).status).toBe('ONLINE');
    expect((await hb(third.agentId, third.agentToken)).status).toBe(200);

    await admin.post(`/api/admin/agents/${first.agentId}/disable`);
    const fourth = await recover();
    expect((await db().getRepository(AgentEntity).findOneByOrFail({ id: first.agentId })).status).toBe('DISABLED');
    expect((await hb(fourth.agentId, fourth.agentToken)).status).toBe(403);
    expect((await hb(third.agentId, third.agentToken)).status).toBe(401);
  });

  it('stamps lastHeartbeatAt through the liveness write-behind: newest stamp, one write per flush, never backwards; OFFLINE → ONLINE at once (audited)', async () => {
    const a = await registerAgent(t.server, admin, 'beat-agent');
    const repo = db().getRepository(AgentEntity);
    const tokens = db().getRepository(AgentTokenEntity);
    const writer = t.app.get(LivenessWriter);
    const stored = async () => (await repo.findOneByOrFail({ id: a.agentId })).lastHeartbeatAt;
    const registeredAt = await stored();
    clock.advance(5_000);
    await hb(a.agentId, a.agentToken);
    // The stamp waits in memory until the flush.
    expect(await stored()).toBe(registeredAt);
    await writer.flush();
    const first = await stored();
    expect(first).toBe(clock.nowIso());
    clock.advance(400);
    await hb(a.agentId, a.agentToken);
    clock.advance(300);
    await hb(a.agentId, a.agentToken);
    const newest = clock.nowIso();
    expect(await stored()).toBe(first);
    expect(writer.pendingHeartbeat(a.agentId)).toBe(newest);
    await writer.flush();
    expect(await stored()).toBe(newest);
    expect(writer.pendingHeartbeat(a.agentId)).toBeUndefined();
    const tokenRow = await tokens.findOneByOrFail({ agentId: a.agentId, status: 'ACTIVE' });
    expect(tokenRow.lastUsedAt).not.toBeNull();
    // A late, older stamp never moves the stored one backwards.
    writer.heartbeat(a.agentId, first!);
    await writer.flush();
    expect(await stored()).toBe(newest);
    // Without an explicit flush the timer writes it within LIVENESS_FLUSH_MS.
    clock.advance(1_000);
    await hb(a.agentId, a.agentToken);
    const later = clock.nowIso();
    await waitFor(async () => ((await stored()) === later ? true : undefined), LIVENESS_FLUSH_MS * 3, 'timer flush');

    await repo.update({ id: a.agentId }, { status: 'OFFLINE' });
    clock.advance(2_000);
    await hb(a.agentId, a.agentToken);
    const row = await repo.findOneByOrFail({ id: a.agentId });
    expect(row.status).toBe('ONLINE');
    expect(row.lastHeartbeatAt).toBe(clock.nowIso());
    const online = await audits('agent.online', a.agentId);
    expect(online).toHaveLength(1);
    expect(JSON.parse(online[0]!.metadataJson)).toEqual({ previousStatus: 'OFFLINE' });
  });

  it('flushes waiting liveness stamps before the sweep judges agents, and when the server stops', async () => {
    const a = await registerAgent(t.server, admin, 'flush-agent');
    const repo = db().getRepository(AgentEntity);
    // Stored ONLINE with a stamp past the offline threshold; a fresh heartbeat then waits in memory.
    await repo.update({ id: a.agentId }, { lastHeartbeatAt: new Date(clock.nowMs() - 600_000).toISOString() });
    await hb(a.agentId, a.agentToken).expect(200);
    const heardAt = clock.nowIso();
    expect(t.app.get(LivenessWriter).pendingHeartbeat(a.agentId)).toBe(heardAt);
    const sweep = await admin.post('/api/admin/maintenance/run').expect(200);
    expect((sweep.body as { data: { offlineAgents: number } }).data.offlineAgents).toBe(0);
    const row = await repo.findOneByOrFail({ id: a.agentId });
    expect(row).toMatchObject({ status: 'ONLINE', lastHeartbeatAt: heardAt });

    clock.advance(3_000);
    await hb(a.agentId, a.agentToken).expect(200);
    const lastHeard = clock.nowIso();
    t = await t.restart();
    admin = await loginAs(t.server);
    expect((await db().getRepository(AgentEntity).findOneByOrFail({ id: a.agentId })).lastHeartbeatAt).toBe(lastHeard);
  });

  it('announces a comeback once when a heartbeat and a poll arrive within the same flush window', async () => {
    const a = await registerAgent(t.server, admin, 'comeback-agent');
    await db()
      .getRepository(AgentEntity)
      .update({ id: a.agentId }, { lastHeartbeatAt: new Date(clock.nowMs() - 600_000).toISOString() });
    await hb(a.agentId, a.agentToken).expect(200);
    await asAgent(t.server, a.agentToken).get(`/api/agents/${a.agentId}/commands`).expect(200);
    await hb(a.agentId, a.agentToken).expect(200);
    expect(await audits('agent.online', a.agentId)).toHaveLength(1);
    // The admin read sees the stamp before it is written.
    const listed = await admin.get(`/api/admin/agents?q=comeback-agent&status=ONLINE`).expect(200);
    expect((listed.body as { data: { id: string }[] }).data.map((x) => x.id)).toEqual([a.agentId]);
  });

  it('heartbeat audit is sampled: one per agent per 5 minutes', async () => {
    const a = await registerAgent(t.server, admin, 'sampled-agent');
    for (let i = 0; i < 5; i += 1) {
      await hb(a.agentId, a.agentToken);
      clock.advance(30_000);
    }
    expect(await audits('agent.heartbeat.received', a.agentId)).toHaveLength(1);
    clock.advance(5 * 60_000);
    await hb(a.agentId, a.agentToken);
    expect(await audits('agent.heartbeat.received', a.agentId)).toHaveLength(2);
  });

  it('the audit window is kept in the database: a restart (or another replica) does not audit again within it', async () => {
    const a = await registerAgent(t.server, admin, 'restart-agent');
    await hb(a.agentId, a.agentToken);
    expect(await audits('agent.heartbeat.received', a.agentId)).toHaveLength(1);
    t = await t.restart();
    admin = await loginAs(t.server);
    clock.advance(60_000);
    await hb(a.agentId, a.agentToken);
    expect(await audits('agent.heartbeat.received', a.agentId)).toHaveLength(1);
    clock.advance(4 * 60_000);
    await hb(a.agentId, a.agentToken);
    expect(await audits('agent.heartbeat.received', a.agentId)).toHaveLength(2);
    const row = await t.app.get(DataSource).getRepository(AgentEntity).findOneByOrFail({ id: a.agentId });
    expect(row.heartbeatAuditAt).toBe(clock.nowIso());
  });

  it('lists agents with effective status filters (fresh, stale heartbeat, never, disabled), q and pagination', async () => {
    const fresh = await registerAgent(t.server, admin, 'eff-fresh');
    const stale = await registerAgent(t.server, admin, 'eff-stale');
    const disabled = await registerAgent(t.server, admin, 'eff-disabled');
    const repo = db().getRepository(AgentEntity);
    // Stored ONLINE but silent for longer than the threshold: effective OFFLINE before any sweep.
    await repo.update({ id: stale.agentId }, { lastHeartbeatAt: new Date(clock.nowMs() - 91_000).toISOString() });
    await admin.post(`/api/admin/agents/${disabled.agentId}/disable`);

    const byStatus = async (status: string): Promise<string[]> => {
      const res = await admin.get(`/api/admin/agents?status=${status}&q=eff-&pageSize=100`);
      expect(res.status).toBe(200);
      return res.body.data.map((a: { code: string }) => a.code);
    };
    expect(await byStatus('ONLINE')).toEqual(['eff-fresh']);
    expect(await byStatus('OFFLINE')).toEqual(['eff-stale']);
    expect(await byStatus('DISABLED')).toEqual(['eff-disabled']);
    const list = await admin.get('/api/admin/agents?q=eff-&pageSize=2&page=1');
    expect(list.body.pagination).toEqual({ page: 1, pageSize: 2, total: 3 });
    const staleRow = (await admin.get('/api/admin/agents?q=eff-stale')).body.data[0];
    expect(staleRow).toMatchObject({ status: 'ONLINE', effectiveStatus: 'OFFLINE', serviceCount: 0 });
    expect(staleRow).not.toHaveProperty('tokenHash');
    expect((await admin.get('/api/admin/agents?status=BAD')).status).toBe(422);
    expect((await admin.get('/api/admin/agents?page=abc')).status).toBe(422);
    expect((await admin.get('/api/admin/agents?q=%25')).body.pagination.total).toBe(0);
    expect(fresh.agentId).toMatch(/^agt_/);

    // enable restores what the heartbeat age implies, not a forced ONLINE.
    await repo.update({ id: disabled.agentId }, { lastHeartbeatAt: new Date(clock.nowMs() - 600_000).toISOString() });
    const enabled = await admin.post(`/api/admin/agents/${disabled.agentId}/enable`);
    expect(enabled.body.data).toMatchObject({ status: 'OFFLINE', effectiveStatus: 'OFFLINE' });
  });

  it('agent detail lists its services; 404 for unknown', async () => {
    const a = await registerAgent(t.server, admin, 'detail-agent', { service: reportedService('detail-svc') });
    const res = await admin.get(`/api/admin/agents/${a.agentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: a.agentId,
      code: 'detail-agent',
      effectiveStatus: 'ONLINE',
      serviceCount: 1,
    });
    expect(res.body.data.services.map((s: { code: string }) => s.code)).toEqual(['detail-svc']);
    const missing = await admin.get('/api/admin/agents/agt_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('AGENT_NOT_FOUND');
  });

  it('DELETE only REVOKED or OFFLINE agents; cascades services, health, actions, tokens; audited', async () => {
    const a = await registerAgent(t.server, admin, 'doomed', { service: reportedService('doomed-svc') });
    const live = await admin.delete(`/api/admin/agents/${a.agentId}`);
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe('AGENT_NOT_DELETABLE');
    const svc = await db().getRepository(CapsuleServiceEntity).findOneByOrFail({ code: 'doomed-svc' });
    expect(await db().getRepository(HealthReportEntity).countBy({ serviceId: svc.id })).toBe(1);
    await admin.post(`/api/admin/agents/${a.agentId}/revoke`);
    const del = await admin.delete(`/api/admin/agents/${a.agentId}`);
    expect(del.status).toBe(200);
    expect(del.body.data.id).toBe(a.agentId);
    expect(await db().getRepository(AgentEntity).findOneBy({ id: a.agentId })).toBeNull();
    expect(await db().getRepository(AgentTokenEntity).countBy({ agentId: a.agentId })).toBe(0);
    expect(await db().getRepository(CapsuleServiceEntity).countBy({ id: svc.id })).toBe(0);
    expect(await db().getRepository(HealthReportEntity).countBy({ serviceId: svc.id })).toBe(0);
    expect(await db().getRepository(ActionDefinitionEntity).countBy({ serviceId: svc.id })).toBe(0);
    expect(await audits('agent.deleted', a.agentId)).toHaveLength(1);
    expect((await admin.delete(`/api/admin/agents/${a.agentId}`)).status).toBe(404);

    // OFFLINE by heartbeat age is deletable too.
    const b = await registerAgent(t.server, admin, 'silent');
    await db()
      .getRepository(AgentEntity)
      .update({ id: b.agentId }, { lastHeartbeatAt: new Date(clock.nowMs() - 200_000).toISOString() });
    expect((await admin.delete(`/api/admin/agents/${b.agentId}`)).status).toBe(200);
  });

  it('validates register bodies with paths (422, never 500)', async () => {
    const { token } = await createToken(admin);
    const cases: [object, string][] = [
      [{ registrationToken: token, agent: { code: 'Bad Code' } }, 'agent.code'],
      [{ registrationToken: token, agent: { code: 'x'.repeat(81) } }, 'agent.code'],
      [{ registrationToken: token, agent: { code: 'ok', mode: 'sidecar' } }, 'agent.mode'],
      [{ registrationToken: token }, 'agent'],
      [{ agent: { code: 'ok' } }, 'registrationToken'],
      [
        {
          registrationToken: token,
          agent: { code: 'ok' },
          service: { ...reportedService('svc-x'), actions: [{ name: '', label: 'x' }] },
        },
        'service.actions.0.name',
      ],
      [
        {
          registrationToken: token,
          agent: { code: 'ok' },
          service: { ...reportedService('svc-x'), actions: [{ name: 'a', label: 'x', dangerLevel: 'EXTREME' }] },
        },
        'service.actions.0.dangerLevel',
      ],
      [
        {
          registrationToken: token,
          agent: { code: 'ok' },
          service: { ...reportedService('svc-x'), health: { status: 'GREAT' } },
        },
        'service.health.status',
      ],
      [
        { registrationToken: token, agent: { code: 'ok' }, service: { ...reportedService('svc-x'), manifest: 'nope' } },
        'service.manifest',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await registerRaw(t.server, body as Record<string, unknown>);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    // The token survived all of that: validation runs before consumption.
    expect((await registerRaw(t.server, { registrationToken: token, agent: { code: 'finally' } })).status).toBe(200);
    const badJson = await request(t.server)
      .post('/api/agents/register')
      .set('Content-Type', 'application/json')
      .send('{"x":');
    expect(badJson.status).toBeLessThan(500);
  });
});
