import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ReportedService, ServiceReportResponse } from '../sdk/src/protocol';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { ActionDefinitionEntity } from '../src/capsule-services/action-definition.entity';
import { CapsuleServiceEntity } from '../src/capsule-services/capsule-service.entity';
import { HealthReportEntity } from '../src/capsule-services/health-report.entity';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent, reportedService } from './support/agent-flow';
import { storedText } from './support/db';

const SECRET_PREVIEW = 'must-not-leak-preview';
const SECRET_DEFAULT = 'must-not-leak-default';
const MANIFEST_SECRET = 'manifest-password-value';
const HEALTH_SECRET = 'health-api-key-value';

/** A report using every field of the wire contract. */
function fullService(code: string): ReportedService {
  return reportedService(code, {
    description: 'Everything reported',
    manifest: {
      kind: 'CapsuleService',
      schemaVersion: '1.0',
      code,
      name: 'Full',
      version: '2.0.0',
      runtime: 'nodejs',
      agentMode: 'embedded',
      labels: { team: 'ops' },
      capabilities: ['demo.echo'],
      events: [{ name: 'demo.item.created', direction: 'publish', designOnly: true }],
      db: { password: MANIFEST_SECRET, host: 'db.local' },
    },
    health: { status: 'DEGRADED', message: 'slow upstream', details: { apiKey: HEALTH_SECRET, latencyMs: 350 } },
    configs: [
      {
        key: 'demo.message',
        label: 'Message',
        type: 'string',
        source: 'env',
        editable: false,
        sensitive: false,
        valuePreview: 'hello',
        defaultValue: 'hi',
      },
      {
        key: 'demo.apiKey',
        label: 'API key',
        type: 'secret',
        source: 'env',
        editable: false,
        sensitive: true,
        valuePreview: SECRET_PREVIEW,
        defaultValue: SECRET_DEFAULT,
        secretRef: 'env:DEMO_API_KEY',
      },
    ],
    actions: [
      {
        name: 'echo',
        label: 'Echo',
        description: 'Echo back',
        dangerLevel: 'LOW',
        requiresConfirmation: false,
        category: 'diagnostics',
        order: 1,
        inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
        timeoutSeconds: 30,
      },
      { name: 'wipe', label: 'Wipe', dangerLevel: 'HIGH', requiresConfirmation: true },
    ],
  });
}

// Real SQLite, argon2 login and 50-way races: generous under a loaded CI machine.
jest.setTimeout(30_000);

describe('capsule services (e2e)', () => {
  const clock = new FixedClock('2026-04-01T08:00:00.000Z');
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '90',
        OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS: '120',
        OPSTAGE_HEALTH_REPORTS_KEEP: '3',
      },
    });
    admin = await loginAs(t.server);
  });
  afterAll(() => t.close());

  const db = (): DataSource => t.app.get(DataSource);
  const report = (agentId: string, token: string, services: ReportedService[]): request.Test =>
    asAgent(t.server, token).post(`/api/agents/${agentId}/services/report`, { services });
  const auditCount = (action: string, targetId: string): Promise<number> =>
    db().getRepository(AuditEventEntity).countBy({ action, targetId });

  it('stores a report with every field; sensitive values never stored, returned or audited', async () => {
    const a = await registerAgent(t.server, admin, 'full-agent');
    const res = await report(a.agentId, a.agentToken, [fullService('full-svc')]);
    expect(res.status).toBe(200);
    const data = res.body.data as ServiceReportResponse;
    expect(data.services).toHaveLength(1);
    const svc = data.services[0]!;
    expect(svc).toMatchObject({
      code: 'full-svc',
      agentId: a.agentId,
      status: 'UNHEALTHY',
      storedStatus: 'UNHEALTHY',
      healthStatus: 'DEGRADED',
    });
    expect(svc.id).toMatch(/^svc_/);

    const detail = await admin.get(`/api/admin/capsule-services/${svc.id}`);
    expect(detail.status).toBe(200);
    const d = detail.body.data;
    expect(d).toMatchObject({
      code: 'full-svc',
      description: 'Everything reported',
      version: '1.0.0',
      status: 'UNHEALTHY',
      healthStatus: 'DEGRADED',
    });
    expect(d.manifest.labels).toEqual({ team: 'ops' });
    expect(d.manifest.db).toEqual({ password: '[REDACTED]', host: 'db.local' });
    expect(d.capabilities).toEqual(['demo.echo']);
    expect(d.events).toEqual([{ name: 'demo.item.created', direction: 'publish', designOnly: true }]);
    expect(d.health).toMatchObject({
      status: 'DEGRADED',
      message: 'slow upstream',
      details: { apiKey: '[REDACTED]', latencyMs: 350 },
    });
    expect(d.configs).toEqual([
      expect.objectContaining({
        key: 'demo.apiKey',
        type: 'secret',
        sensitive: true,
        editable: false,
        valuePreview: null,
        defaultValue: null,
        secretRef: 'env:DEMO_API_KEY',
        source: 'env',
        label: 'API key',
      }),
      expect.objectContaining({
        key: 'demo.message',
        sensitive: false,
        valuePreview: 'hello',
        defaultValue: 'hi',
        secretRef: null,
      }),
    ]);
    expect(d.configs[0]).not.toHaveProperty('configKey');
    expect(d.actions.map((x: { name: string }) => x.name)).toEqual(['echo', 'wipe']);
    expect(d.actions[0]).toMatchObject({
      dangerLevel: 'LOW',
      category: 'diagnostics',
      order: 1,
      timeoutSeconds: 30,
      enabled: true,
      inputSchema: { type: 'object' },
    });
    expect(d.actions[1]).toMatchObject({ dangerLevel: 'HIGH', requiresConfirmation: true, inputSchema: {} });

    const views = await Promise.all(
      ['manifest', 'health', 'configs', 'actions'].map((v) => admin.get(`/api/admin/capsule-services/${svc.id}/${v}`)),
    );
    for (const v of views) expect(v.status).toBe(200);
    expect(views[0]!.body.data.kind).toBe('CapsuleService');
    expect(views[1]!.body.data.status).toBe('DEGRADED');
    expect(views[2]!.body.data).toHaveLength(2);
    expect(views[3]!.body.data).toHaveLength(2);
    expect((await admin.get('/api/admin/capsule-services/svc_missing/configs')).status).toBe(404);

    const everything = JSON.stringify([
      res.body,
      detail.body,
      ...views.map((v) => v.body),
      (await admin.get('/api/admin/capsule-services')).body,
    ]);
    const auditRows = JSON.stringify(await db().getRepository(AuditEventEntity).find());
    for (const secret of [SECRET_PREVIEW, SECRET_DEFAULT, MANIFEST_SECRET, HEALTH_SECRET]) {
      expect(everything).not.toContain(secret);
      expect(auditRows).not.toContain(secret);
    }
    // What a backup copies: the database file itself (WAL checkpointed first), or every row on PostgreSQL.
    const file = await storedText(t);
    for (const secret of [SECRET_PREVIEW, SECRET_DEFAULT, MANIFEST_SECRET, HEALTH_SECRET])
      expect(file).not.toContain(secret);
  });

  it('keeps the schema of a field named like a secret, so it is validated; only its sample values are dropped', async () => {
    const leaked = 'schema-default-password-value';
    const a = await registerAgent(t.server, admin, 'schema-agent');
    const inputSchema = {
      type: 'object',
      required: ['password'],
      properties: {
        password: { type: 'string', minLength: 12, default: leaked, examples: [leaked] },
        apiToken: { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] },
        note: { type: 'string', default: 'plain default' },
      },
    };
    const res = await report(a.agentId, a.agentToken, [
      reportedService('schema-svc', { actions: [{ name: 'rotate', label: 'Rotate', inputSchema }] }),
    ]);
    expect(res.status).toBe(200);
    const serviceId = (res.body.data as ServiceReportResponse).services[0]!.id;
    const action = `/api/admin/capsule-services/${serviceId}/actions/rotate`;

    const definition = await admin.get(action);
    expect(definition.body.data.inputSchema).toEqual({
      ...inputSchema,
      properties: {
        password: { type: 'string', minLength: 12 },
        apiToken: inputSchema.properties.apiToken,
        note: inputSchema.properties.note,
      },
    });
    const bad = await admin.post(action, { payload: { password: 'short', apiToken: { value: 3 } } });
    expect(bad.status).toBe(422);
    expect((bad.body.error.details.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'payload.apiToken.value',
      'payload.password',
    ]);
    expect((await storedText(t)).includes(leaked)).toBe(false);
  });

  it('upserts configs/actions by key/name with stable ids; vanished actions leave the catalog; audit only on change', async () => {
    const a = await registerAgent(t.server, admin, 'stable-agent');
    const first = await report(a.agentId, a.agentToken, [fullService('stable-svc')]);
    const id = first.body.data.services[0].id as string;
    const before = (await admin.get(`/api/admin/capsule-services/${id}`)).body.data;
    expect(await auditCount('service.reported', id)).toBe(1);

    clock.advance(1000);
    await report(a.agentId, a.agentToken, [fullService('stable-svc')]);
    expect(await auditCount('service.reported', id)).toBe(1);

    const changed = fullService('stable-svc');
    changed.actions = [{ name: 'echo', label: 'Echo v2', dangerLevel: 'MEDIUM', requiresConfirmation: false }];
    changed.configs = [{ key: 'demo.message', type: 'string', valuePreview: 'changed' }];
    clock.advance(1000);
    await report(a.agentId, a.agentToken, [changed]);
    expect(await auditCount('service.reported', id)).toBe(2);
    const after = (await admin.get(`/api/admin/capsule-services/${id}`)).body.data;
    const echoBefore = before.actions.find((x: { name: string }) => x.name === 'echo');
    const echoAfter = after.actions.find((x: { name: string }) => x.name === 'echo');
    expect(echoAfter.id).toBe(echoBefore.id);
    expect(echoAfter).toMatchObject({ label: 'Echo v2', dangerLevel: 'MEDIUM', enabled: true });
    expect(after.actions.map((x: { name: string }) => x.name)).toEqual(['echo']);
    // Its row is kept, marked removed, under the same id (the history of its commands needs nothing else).
    const wipeId = before.actions.find((x: { name: string }) => x.name === 'wipe').id as string;
    expect(await db().getRepository(ActionDefinitionEntity).findOneByOrFail({ id: wipeId })).toMatchObject({
      name: 'wipe',
      removedAt: expect.any(String),
    });
    expect(after.configs.map((c: { key: string }) => c.key)).toEqual(['demo.message']);
    expect(after.configs[0].id).toBe(before.configs.find((c: { key: string }) => c.key === 'demo.message').id);
  });

  it('health: transitions audited, heartbeat health only for own services, last N reports kept', async () => {
    const a = await registerAgent(t.server, admin, 'health-agent');
    const other = await registerAgent(t.server, admin, 'health-other');
    const id = (await report(a.agentId, a.agentToken, [reportedService('health-svc')])).body.data.services[0]
      .id as string;
    const beat = (agentId: string, token: string, status: 'UP' | 'DOWN' | 'DEGRADED'): request.Test =>
      asAgent(t.server, token).post(`/api/agents/${agentId}/heartbeat`, {
        serviceId: id,
        health: { status, message: status },
      });

    clock.advance(1000);
    expect((await beat(a.agentId, a.agentToken, 'DOWN')).status).toBe(200);
    let row = await db().getRepository(CapsuleServiceEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({ healthStatus: 'DOWN', status: 'UNHEALTHY' });
    expect(await auditCount('service.health.changed', id)).toBe(1);

    // Another agent cannot push health into a service it does not own.
    expect((await beat(other.agentId, other.agentToken, 'UP')).status).toBe(200);
    row = await db().getRepository(CapsuleServiceEntity).findOneByOrFail({ id });
    expect(row.healthStatus).toBe('DOWN');

    // Same health within a minute: nothing written.
    const countBefore = await db().getRepository(HealthReportEntity).countBy({ serviceId: id });
    clock.advance(1000);
    await beat(a.agentId, a.agentToken, 'DOWN');
    expect(await db().getRepository(HealthReportEntity).countBy({ serviceId: id })).toBe(countBefore);

    for (const s of ['UP', 'DEGRADED', 'UP', 'DOWN'] as const) {
      clock.advance(1000);
      await beat(a.agentId, a.agentToken, s);
    }
    expect(await db().getRepository(HealthReportEntity).countBy({ serviceId: id })).toBe(3);
    const history = await admin.get(`/api/admin/capsule-services/${id}/health/history`);
    expect(history.body.data.map((h: { status: string }) => h.status)).toEqual(['DOWN', 'UP', 'DEGRADED']);
    expect(await auditCount('service.health.changed', id)).toBe(5);
  });

  it('refuses a takeover (409 CAPSULE_SERVICE_CODE_TAKEN); owner reassign allowed and audited; REVOKED owner releases the code', async () => {
    const owner = await registerAgent(t.server, admin, 'owner-agent');
    const thief = await registerAgent(t.server, admin, 'thief-agent');
    const id = (await report(owner.agentId, owner.agentToken, [reportedService('owned-svc')])).body.data.services[0]
      .id as string;
    const taken = await report(thief.agentId, thief.agentToken, [reportedService('owned-svc')]);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CAPSULE_SERVICE_CODE_TAKEN');
    expect((await db().getRepository(CapsuleServiceEntity).findOneByOrFail({ id })).agentId).toBe(owner.agentId);
    // Also at registration time (the registration rolls back, the token stays usable).
    const { token } = (await admin.post('/api/admin/registration-tokens', { name: 'steal' })).body.data as {
      token: string;
    };
    const regSteal = await request(t.server)
      .post('/api/agents/register')
      .send({ registrationToken: token, agent: { code: 'thief-2' }, service: reportedService('owned-svc') });
    expect(regSteal.status).toBe(409);
    expect(
      (
        await request(t.server)
          .post('/api/agents/register')
          .send({ registrationToken: token, agent: { code: 'thief-2' } })
      ).status,
    ).toBe(200);

    const badBody = await admin.post(`/api/admin/capsule-services/${id}/reassign`, { agentId: 'nope' });
    expect(badBody.status).toBe(422);
    const reassigned = await admin.post(`/api/admin/capsule-services/${id}/reassign`, { agentId: thief.agentId });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.data.agentId).toBe(thief.agentId);
    expect(await auditCount('service.reassigned', id)).toBe(1);
    expect((await report(thief.agentId, thief.agentToken, [reportedService('owned-svc')])).status).toBe(200);
    expect((await report(owner.agentId, owner.agentToken, [reportedService('owned-svc')])).status).toBe(409);

    await admin.post(`/api/admin/agents/${thief.agentId}/revoke`);
    const reclaimed = await report(owner.agentId, owner.agentToken, [reportedService('owned-svc')]);
    expect(reclaimed.status).toBe(200);
    expect(reclaimed.body.data.services[0].id).toBe(id);
    expect(await auditCount('service.reassigned', id)).toBe(2);
    expect(
      (await admin.post('/api/admin/capsule-services/svc_missing/reassign', { agentId: owner.agentId })).status,
    ).toBe(404);
  });

  it('OpHub registers without a service and reports several services', async () => {
    const { token } = (await admin.post('/api/admin/registration-tokens', {})).body.data as { token: string };
    const reg = await request(t.server)
      .post('/api/agents/register')
      .send({ registrationToken: token, agent: { code: 'ophub-2', mode: 'ophub' } });
    expect(reg.status).toBe(200);
    const agentId = reg.body.data.agentId as string;
    const s1 = reportedService('hub-one', { health: { status: 'UP' } });
    const s2 = reportedService('hub-two', { health: { status: 'DEGRADED' } });
    s1.manifest = {
      ...s1.manifest,
      agentMode: 'ophub',
      capabilities: [{ code: 'x.y', name: 'XY' }],
      events: [{ name: 'a.b' }],
    };
    const res = await report(agentId, reg.body.data.agentToken, [s1, s2]);
    expect(res.status).toBe(200);
    expect(res.body.data.services).toHaveLength(2);
    expect((await admin.get(`/api/admin/agents?q=ophub-2`)).body.data[0]).toMatchObject({
      mode: 'ophub',
      serviceCount: 2,
    });
    const list = await admin.get(`/api/admin/capsule-services?agentId=${agentId}`);
    expect(list.body.pagination.total).toBe(2);
    const detail = await admin.get(
      `/api/admin/capsule-services/${res.body.data.services.find((s: { code: string }) => s.code === 'hub-one').id}`,
    );
    expect(detail.body.data.capabilities).toEqual([{ code: 'x.y', name: 'XY' }]);
    const dup = await report(agentId, reg.body.data.agentToken, [s1, s1]);
    expect(dup.status).toBe(422);
  });

  it('filters on effective status computed in SQL: fresh, stale report, offline agent, disabled agent', async () => {
    const fresh = await registerAgent(t.server, admin, 'st-fresh', { service: reportedService('st-fresh-svc') });
    const stale = await registerAgent(t.server, admin, 'st-stale', { service: reportedService('st-stale-svc') });
    await registerAgent(t.server, admin, 'st-offline', { service: reportedService('st-offline-svc') });
    const disabled = await registerAgent(t.server, admin, 'st-disabled', {
      service: reportedService('st-disabled-svc'),
    });
    // 100 s later: everyone heartbeats except the offline agent; nobody reports again.
    clock.advance(100_000);
    for (const a of [fresh, stale, disabled])
      await asAgent(t.server, a.agentToken).post(`/api/agents/${a.agentId}/heartbeat`, {});
    await report(fresh.agentId, fresh.agentToken, [reportedService('st-fresh-svc')]);
    await admin.post(`/api/admin/agents/${disabled.agentId}/disable`);
    clock.advance(30_000);
    // stale: heartbeat 30 s old, report 130 s old (> 120 s); offline: heartbeat 130 s old (> 90 s).
    const codes = async (status: string): Promise<string[]> => {
      const res = await admin.get(`/api/admin/capsule-services?status=${status}&q=st-&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.pagination.total).toBe(res.body.data.length);
      for (const s of res.body.data) expect(s.status).toBe(status);
      return res.body.data.map((s: { code: string }) => s.code).sort();
    };
    expect(await codes('HEALTHY')).toEqual(['st-fresh-svc']);
    expect(await codes('STALE')).toEqual(['st-stale-svc']);
    expect(await codes('OFFLINE')).toEqual(['st-disabled-svc', 'st-offline-svc']);
    const combined = await admin.get(
      `/api/admin/capsule-services?healthStatus=UP&status=HEALTHY&agentId=${fresh.agentId}&q=st-fresh`,
    );
    expect(combined.body.pagination.total).toBe(1);
    const bad = await admin.get('/api/admin/capsule-services?healthStatus=BAD&agentId=bad');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'agentId',
      'healthStatus',
    ]);
  });

  it('validates report bodies (422 with paths), refuses oversized manifests (413), requires the agent token', async () => {
    const a = await registerAgent(t.server, admin, 'val-agent');
    const bad = await asAgent(t.server, a.agentToken).post(`/api/agents/${a.agentId}/services/report`, {
      services: [
        {
          ...reportedService('val-svc'),
          actions: [{ name: 'x', label: 'X', dangerLevel: 'SEVERE' }],
          configs: [{ key: 'k' }],
        },
      ],
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['services.0.actions.0.dangerLevel', 'services.0.configs.0.type']));
    expect(
      (await asAgent(t.server, a.agentToken).post(`/api/agents/${a.agentId}/services/report`, { services: [] })).status,
    ).toBe(422);
    expect(
      (
        await asAgent(t.server, a.agentToken).post(`/api/agents/${a.agentId}/services/report`, {
          services: [reportedService('BAD CODE')],
        })
      ).status,
    ).toBe(422);
    const huge = reportedService('huge-svc');
    huge.manifest = { ...huge.manifest, blob: 'x'.repeat(300 * 1024) };
    const big = await asAgent(t.server, a.agentToken).post(`/api/agents/${a.agentId}/services/report`, {
      services: [huge],
    });
    expect(big.status).toBe(413);
    expect(
      (
        await request(t.server)
          .post(`/api/agents/${a.agentId}/services/report`)
          .send({ services: [reportedService('x')] })
      ).status,
    ).toBe(401);
    expect((await admin.get('/api/admin/capsule-services/svc_missing')).status).toBe(404);
  });
});
