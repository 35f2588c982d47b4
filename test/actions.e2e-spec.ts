import { DataSource } from 'typeorm';
import { CommandEntity } from '../src/commands/command.entity';
import { CommandResultEntity } from '../src/commands/command-result.entity';
import { RuntimeSettingsService } from '../src/settings/runtime-settings.service';
import { createTestApp, type TestApp } from './support/create-test-app';
import { dbQuery, storedText } from './support/db';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, updateAgent, userWithRole, type SeededAgent } from './support/seed';
import { answerNext, poll, report, start, waitForSubscribers, type AgentCommand } from './support/commands-helpers';
import { TransactionRunner } from '../src/database/transaction-runner';

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

const SCHEMA = {
  type: 'object',
  required: ['name', 'count'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10, pattern: '^[a-z]+$', default: 'abc' },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    mode: { type: 'string', enum: ['fast', 'slow'] },
    enabled: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    options: { type: 'object' },
    apiKey: { type: 'string' },
  },
};

describe('actions: definition, prepare, execute, gating, sealed secrets', () => {
  let t: TestApp;
  let admin: AdminClient;
  let a: SeededAgent;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS: '1' } });
    admin = await loginAs(t.server);
    a = await seedAgentWithService(t.app, {
      actions: [
        { name: 'configure', inputSchema: SCHEMA, timeoutSeconds: 60 },
        { name: 'restart', requiresConfirmation: true },
        { name: 'destroy', dangerLevel: 'HIGH' },
        { name: 'off', enabled: false },
        { name: 'rotateKey' },
        {
          name: 'plain',
          hasPrepare: false,
          inputSchema: { type: 'object', properties: { n: { type: 'integer', default: 3 }, s: { type: 'string' } } },
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const url = (action: string, svc = a.serviceId): string => `/api/admin/capsule-services/${svc}/actions/${action}`;

  it('reads the definition without side effects (any role)', async () => {
    const viewer = await userWithRole(t.server, admin, 'act-viewer', 'viewer');
    const res = await viewer.get(url('configure'));
    expect(res.status).toBe(200);
    expect((res.body as Envelope<Record<string, unknown>>).data).toMatchObject({
      name: 'configure',
      serviceId: a.serviceId,
      inputSchema: SCHEMA,
      timeoutSeconds: 60,
      enabled: true,
    });
    const count = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .count({ where: { serviceId: a.serviceId } });
    expect(count).toBe(0);
    expect((await admin.get(url('nope'))).body).toMatchObject({ error: { code: 'ACTION_NOT_FOUND' } });
    expect((await admin.get(url('configure', 'svc_unknown'))).body).toMatchObject({
      error: { code: 'CAPSULE_SERVICE_NOT_FOUND' },
    });
    expect((await viewer.post(`${url('configure')}/prepare`)).status).toBe(403);
  });

  it('validates the payload against the input schema with paths', async () => {
    const res = await admin.post(url('configure'), {
      payload: { name: 'A1', count: 9, mode: 'warp', enabled: 'yes', tags: ['x', 3], options: [] },
    });
    expect(res.status).toBe(422);
    const paths = ((res.body as Envelope<unknown>).error?.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'payload.name',
        'payload.count',
        'payload.mode',
        'payload.enabled',
        'payload.tags.1',
        'payload.options',
      ]),
    );
    const missing = await admin.post(url('configure'), { payload: {} });
    expect(
      ((missing.body as Envelope<unknown>).error?.details?.issues as { path: string }[]).map((i) => i.path).sort(),
    ).toEqual(['payload.count', 'payload.name']);
    expect((await admin.post(url('configure'), { payload: 'x' })).status).toBe(422);
    expect((await admin.post(url('configure'), { payload: {}, extra: 1 })).status).toBe(422);
    const ok = await admin.post(url('configure'), { payload: { name: 'abc', count: 2, mode: 'fast', tags: ['a'] } });
    expect(ok.status).toBe(200);
    const cmd = (ok.body as Envelope<Record<string, string>>).data;
    const ttl = Date.parse(cmd.expiresAt!) - Date.parse(cmd.createdAt!);
    expect(ttl).toBe(60_000);
    await admin.post(`/api/admin/commands/${cmd.id}/cancel`);
  });

  it('requires confirmation for requiresConfirmation and HIGH actions; refuses disabled and unknown ones', async () => {
    for (const name of ['restart', 'destroy']) {
      const res = await admin.post(url(name), { payload: {} });
      expect(res.status).toBe(409);
      expect((res.body as Envelope<unknown>).error?.code).toBe('ACTION_REQUIRES_CONFIRMATION');
      const ok = await admin.post(url(name), { payload: {}, confirmation: true });
      expect(ok.status).toBe(200);
      const cmd = (ok.body as Envelope<Record<string, string>>).data;
      expect(Date.parse(cmd.expiresAt!) - Date.parse(cmd.createdAt!)).toBe(t.config.commandTtlSeconds * 1000);
      await admin.post(`/api/admin/commands/${cmd.id}/cancel`);
    }
    expect((await admin.post(url('off'), { payload: {} })).body).toMatchObject({ error: { code: 'ACTION_DISABLED' } });
    expect((await admin.post(url('nope'), { payload: {} })).status).toBe(404);
    expect((await admin.post(url('ping', 'svc_missing'), { payload: {} })).body).toMatchObject({
      error: { code: 'CAPSULE_SERVICE_NOT_FOUND' },
    });
  });

  it('gates on the agent: offline, not ready, stale (runtime threshold), disabled, revoked', async () => {
    const g = await seedAgentWithService(t.app, { actions: [{ name: 'ping' }] });
    const expectCode = async (code: string): Promise<void> => {
      const res = await admin.post(url('ping', g.serviceId), { payload: {} });
      expect(res.status).toBe(409);
      expect((res.body as Envelope<unknown>).error?.code).toBe(code);
    };
    await updateAgent(t.app, g.agentId, { status: 'OFFLINE' });
    await expectCode('AGENT_OFFLINE');
    await updateAgent(t.app, g.agentId, { status: 'ONLINE', lastHeartbeatAt: null });
    await expectCode('AGENT_NOT_READY');
    const threshold = t.config.agentOfflineThresholdSeconds;
    await updateAgent(t.app, g.agentId, {
      lastHeartbeatAt: new Date(Date.now() - (threshold + 5) * 1000).toISOString(),
    });
    await expectCode('AGENT_HEARTBEAT_STALE');
    // The runtime setting (not the env value) decides.
    const settings = t.app.get(RuntimeSettingsService);
    const tx = t.app.get(TransactionRunner);
    await tx.run((em) => settings.update({ agentOfflineThresholdSeconds: threshold + 60 }, em));
    try {
      const ok = await admin.post(url('ping', g.serviceId), { payload: {} });
      expect(ok.status).toBe(200);
      await admin.post(`/api/admin/commands/${(ok.body as Envelope<{ id: string }>).data.id}/cancel`);
    } finally {
      await tx.run((em) => settings.reset(em));
    }
    await expectCode('AGENT_HEARTBEAT_STALE');
    await updateAgent(t.app, g.agentId, { status: 'DISABLED', lastHeartbeatAt: new Date().toISOString() });
    await expectCode('AGENT_DISABLED');
    await updateAgent(t.app, g.agentId, { status: 'REVOKED' });
    await expectCode('AGENT_REVOKED');
  });

  it('prepare: success merges data.action over the catalog and derives initialPayload', async () => {
    const pending = start(admin.post(`${url('configure')}/prepare`));
    const cmd = await answerNext(t.server, a.agentId, a.token, () => ({
      success: true,
      data: {
        action: {
          label: 'Configure now',
          name: 'hijack',
          inputSchema: {
            type: 'object',
            properties: { n: { type: 'integer' }, s: { type: 'string', default: 'x' }, b: { type: 'boolean' } },
          },
        },
        currentState: { v: 1 },
      },
    }));
    expect(cmd.type).toBe('ACTION_PREPARE');
    const res = await pending;
    expect(res.status).toBe(200);
    const data = (res.body as Envelope<Record<string, Record<string, unknown>>>).data;
    expect(data.action).toMatchObject({ label: 'Configure now', name: 'configure', serviceId: a.serviceId });
    expect(data.initialPayload).toEqual({ n: 0, s: 'x', b: false });
    expect(data.currentState).toEqual({ v: 1 });
    expect(data.prepareCommand).toMatchObject({
      id: cmd.id,
      status: 'SUCCEEDED',
      type: 'ACTION_PREPARE',
      result: { success: true },
    });
  });

  it('prepare: agent failure → 424 with the agent code', async () => {
    const pending = start(admin.post(`${url('configure')}/prepare`));
    await answerNext(t.server, a.agentId, a.token, () => ({
      success: false,
      message: 'cannot',
      error: { code: 'PREPARE_FAILED', message: 'cannot prepare', details: { why: 'x' } },
    }));
    const res = await pending;
    expect(res.status).toBe(424);
    const err = (res.body as Envelope<unknown>).error!;
    expect(err.code).toBe('PREPARE_FAILED');
    expect(err.details).toMatchObject({
      commandStatus: 'FAILED',
      actionName: 'configure',
      agentId: a.agentId,
      serviceId: a.serviceId,
    });
  });

  it('prepare: no answer → 504 ACTION_PREPARE_TIMEOUT (never 408, which browsers resend) and the command is EXPIRED', async () => {
    const began = Date.now();
    const res = await admin.post(`${url('configure')}/prepare`);
    expect(Date.now() - began).toBeLessThan(3000);
    expect(res.status).toBe(504);
    const err = (res.body as Envelope<unknown>).error!;
    expect(err.code).toBe('ACTION_PREPARE_TIMEOUT');
    expect(err.details).toMatchObject({ commandStatus: 'PENDING', actionName: 'configure', timeoutSeconds: 1 });
    const row = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .findOneByOrFail({ id: String(err.details!.commandId) });
    expect(row).toMatchObject({ status: 'EXPIRED', errorCode: 'ACTION_PREPARE_TIMEOUT' });
    expect(((await poll(t.server, a.agentId, a.token)).body as Envelope<unknown[]>).data).toEqual([]);
  });

  it('prepare of an action the agent reported without a prepare step answers from the catalog: no command', async () => {
    const before = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .count({ where: { serviceId: a.serviceId, type: 'ACTION_PREPARE' } });
    const res = await admin.post(`${url('plain')}/prepare`);
    expect(res.status).toBe(200);
    const data = (res.body as Envelope<Record<string, unknown>>).data;
    expect(data).toMatchObject({
      action: { name: 'plain', hasPrepare: false },
      initialPayload: { n: 3, s: '' },
      currentState: {},
      prepareCommand: null,
    });
    const after = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .count({ where: { serviceId: a.serviceId, type: 'ACTION_PREPARE' } });
    expect(after).toBe(before);
    // An unknown answer (null: the agent did not say) still asks the agent.
    expect((await admin.get(url('configure'))).body.data.hasPrepare).toBeNull();
  });

  it('seals secret payload fields: readable copy redacted, agent gets plaintext, nothing in the DB file', async () => {
    const secret = 'sk-live-PAYLOAD-SECRET-4711';
    const exec = await admin.post(url('configure'), { payload: { name: 'abc', count: 1, apiKey: secret } });
    expect(exec.status).toBe(200);
    const cmd = (exec.body as Envelope<Record<string, unknown>>).data;
    expect(cmd.payload).toEqual({ name: 'abc', count: 1, apiKey: '[REDACTED]' });
    const stored = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .findOneByOrFail({ id: String(cmd.id) });
    expect(stored.payloadJson).not.toContain(secret);
    expect(stored.sealedPayload).toEqual(expect.any(String));
    expect(await storedText(t)).not.toContain(secret);

    const delivered = ((await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>).data[0]!;
    expect(delivered.payload).toEqual({ name: 'abc', count: 1, apiKey: secret });
    await report(t.server, a.agentId, a.token, delivered.id, { success: false, error: { code: 'NOPE' } });
    const after = await t.app
      .get(DataSource)
      .getRepository(CommandEntity)
      .findOneByOrFail({ id: String(cmd.id) });
    expect(after.sealedPayload).toBeNull();
    const retry = await admin.post(`/api/admin/commands/${String(cmd.id)}/retry`);
    expect(retry.status).toBe(409);
    expect((retry.body as Envelope<unknown>).error?.code).toBe('COMMAND_PAYLOAD_SEALED');
    const detail = (await admin.get(`/api/admin/commands/${String(cmd.id)}`)).body as Envelope<Record<string, unknown>>;
    expect(detail.data.payload).toEqual({ name: 'abc', count: 1, apiKey: '[REDACTED]' });
    expect(await storedText(t)).not.toContain(secret);
  });

  it('reveals one-time result fields to the first operator only; viewers never; never on disk', async () => {
    const key = 'gk-ONE-TIME-9f8e7d6c5b4a';
    const extra = 'recovery-CODE-123456789';
    const viewer = await userWithRole(t.server, admin, 'otp-viewer', 'viewer');
    const operator = await userWithRole(t.server, admin, 'otp-operator', 'operator');
    const exec = await operator.post(url('rotateKey'), { payload: {} });
    const id = (exec.body as Envelope<{ id: string }>).data.id;
    await poll(t.server, a.agentId, a.token);
    const res = await report(t.server, a.agentId, a.token, id, {
      success: true,
      data: { generatedKey: key, recovery: extra, oneTimeFields: ['recovery'], note: 'keep' },
    });
    expect((res.body as Envelope<{ data: Record<string, unknown> }>).data.data).toMatchObject({
      generatedKey: '[REDACTED]',
      recovery: '[REDACTED]',
      note: 'keep',
    });
    const row = await t.app.get(DataSource).getRepository(CommandResultEntity).findOneByOrFail({ commandId: id });
    expect(row.sealedData).toEqual(expect.any(String));
    expect(Date.parse(row.sealedExpiresAt!) - Date.parse(row.reportedAt)).toBe(5 * 60 * 1000);
    const bytes = await storedText(t);
    expect(bytes).not.toContain(key);
    expect(bytes).not.toContain(extra);
    // A backup taken while the secret is still sealed does not contain it either.
    const backup = await admin
      .post('/api/admin/backup/sqlite')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (t.config.databaseKind === 'postgres') {
      // PostgreSQL is backed up with pg_dump, which copies what storedText() read above.
      expect(backup.status).toBe(409);
    } else {
      expect(backup.status).toBe(200);
      const backupText = (backup.body as Buffer).toString('latin1');
      expect(backupText.startsWith('SQLite format 3')).toBe(true);
      expect(backupText).not.toContain(key);
      expect(backupText).not.toContain(extra);
      expect(backupText).not.toContain('sk-live-PAYLOAD-SECRET-4711');
    }

    type Detail = Envelope<{ result: { data: Record<string, unknown>; oneTime: { revealable: boolean } | null } }>;
    // Reading never reveals and never uses the value up, whoever reads (no state change on GET).
    for (const reader of [viewer, operator, admin]) {
      const seen = (await reader.get(`/api/admin/commands/${id}`)).body as Detail;
      expect(seen.data.result.data).toMatchObject({ generatedKey: '[REDACTED]', recovery: '[REDACTED]', note: 'keep' });
      expect(seen.data.result.oneTime).toMatchObject({ revealable: true });
    }
    expect(
      (await t.app.get(DataSource).getRepository(CommandResultEntity).findOneByOrFail({ commandId: id })).sealedData,
    ).toEqual(expect.any(String));
    // Viewers cannot reveal; the first operator does, once; the value never comes again.
    const byViewer = await viewer.post(`/api/admin/commands/${id}/reveal`);
    expect(byViewer.status).toBe(403);
    const noCsrf = await operator.agent.post(`/api/admin/commands/${id}/reveal`);
    expect(noCsrf.status).toBe(403);
    expect((noCsrf.body as Envelope<unknown>).error?.code).toBe('CSRF_INVALID');
    const first = (await operator.post(`/api/admin/commands/${id}/reveal`)).body as Envelope<{
      fields: Record<string, unknown>;
    }>;
    expect(first.data.fields).toEqual({ generatedKey: key, recovery: extra });
    const second = await admin.post(`/api/admin/commands/${id}/reveal`);
    expect(second.status).toBe(409);
    expect((second.body as Envelope<unknown>).error?.code).toBe('COMMAND_SECRET_NOT_AVAILABLE');
    expect(JSON.stringify(second.body)).not.toContain(key);
    const after = (await admin.get(`/api/admin/commands/${id}`)).body as Detail;
    expect(after.data.result.data).toMatchObject({ generatedKey: '[REDACTED]', recovery: '[REDACTED]' });
    expect(after.data.result.oneTime).toMatchObject({ revealable: false });
    const revealed = await t.app.get(DataSource).getRepository(CommandResultEntity).findOneByOrFail({ commandId: id });
    expect(revealed.sealedData).toBeNull();
    expect(revealed.revealedAt).toEqual(expect.any(String));
    const audits = await dbQuery<{ metadataJson: string }>(
      t,
      `SELECT action, "metadataJson" FROM audit_events WHERE "targetId" = ? AND action = 'command.secret.revealed'`,
      [id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.metadataJson).not.toContain(key);
    expect(await storedText(t)).not.toContain(key);
  });

  it('writes the reference audit trail for an execute', async () => {
    const exec = await admin.post(url('rotateKey'), { payload: {} });
    const id = (exec.body as Envelope<{ id: string }>).data.id;
    await poll(t.server, a.agentId, a.token);
    await report(t.server, a.agentId, a.token, id, { success: true });
    await admin.post(`/api/admin/commands/${id}/retry`).expect(409);
    const rows = await dbQuery<{ action: string }>(
      t,
      `SELECT "action" FROM audit_events WHERE "targetId" = ? OR "metadataJson" LIKE ? ORDER BY "createdAt"`,
      [id, `%${id}%`],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['command.created', 'command.dispatched', 'command.completed']),
    );
    const svcRows = await dbQuery(
      t,
      `SELECT action FROM audit_events WHERE "targetId" = ? AND action = 'service.action.requested'`,
      [a.serviceId],
    );
    expect(svcRows.length).toBeGreaterThan(0);
  });

  it('wakes a waiting long-poll for a prepare in milliseconds', async () => {
    const waiting = poll(t.server, a.agentId, a.token, '?waitSeconds=10');
    await waitForSubscribers(t.app, 1);
    const began = Date.now();
    const prepare = start(admin.post(`${url('configure')}/prepare`));
    const res = await waiting;
    expect(Date.now() - began).toBeLessThan(1000);
    const cmd = (res.body as Envelope<AgentCommand[]>).data[0]!;
    await report(t.server, a.agentId, a.token, cmd.id, { success: true, data: {} });
    expect((await prepare).status).toBe(200);
  });
});
