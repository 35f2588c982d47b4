import { Injectable, Logger, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, Entity, PrimaryColumn } from 'typeorm';
import {
  AgentsReader,
  Clock,
  CommandEnqueuer,
  ExtensionApiModule,
  OnOpstageEvent,
  OpstageExtension,
  RequestContext,
  type AgentRegisteredEvent,
} from '../src/extensions';
import type { ExtensionModule } from '../src/extensions/extension-registry';
import { dataSourceOptions, postgresDataSourceOptions } from '../src/database/data-source-options';
import { coreSchemaNames } from '../src/database/entity-tables';
import { migrate } from '../src/database/migrate';
import { CreateWebhookDeliveries1764400000000 } from '../src/extensions/webhook-notifier/migrations/1764400000000-CreateWebhookDeliveries';
import { WebhookDeliveryLeases1764410000001 } from '../src/extensions/webhook-notifier/migrations/1764410000001-WebhookDeliveryLeases';
import { WebhookDeliveryEntity } from '../src/extensions/webhook-notifier/webhook-delivery.entity';
import { ExampleEventEntity } from './fixtures/example-extension/example-event.entity';
import { ExampleExtension } from './fixtures/example-extension/example.extension';
import { CreateExampleEvents1764500000000 } from './fixtures/example-extension/migrations/1764500000000-CreateExampleEvents';
import { createToken, registerAgent, registerRaw, reportedService } from './support/agent-flow';
import { answerNext } from './support/commands-helpers';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { seedAgentWithService } from './support/seed';
import { waitFor } from './support/wait';
import { dbQuery } from './support/db';

jest.setTimeout(30_000);

@OpstageExtension({ name: 'too-new', version: '1.0.0', compatibility: '^2.0.0' })
@Module({})
class TooNewExtension {}

@Entity('agents')
class ShadowAgentsEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
}

@OpstageExtension({ name: 'clash', version: '1.0.0', compatibility: '*', entities: [ShadowAgentsEntity] })
@Module({})
class ClashExtension {}

@Injectable()
class ThrowingListener {
  @OnOpstageEvent('agent.registered')
  onRegistered(_e: AgentRegisteredEvent): void {
    throw new Error('listener bug in extension "thrower"');
  }
}

@OpstageExtension({ name: 'thrower', version: '1.0.0', compatibility: '*' })
@Module({ imports: [ExtensionApiModule], providers: [ThrowingListener] })
class ThrowingExtension {}

/** A released core version, so compatibility ranges are really checked. */
const RELEASED = { OPSTAGE_VERSION: '0.5.0' };

describe('extensions: the registry refuses to start', () => {
  const dirs: string[] = [];
  const boot = (extensions: ExtensionModule[], env: Record<string, string> = RELEASED): Promise<TestApp> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opstage-ext-refused-'));
    dirs.push(dataDir);
    return createTestApp({ env, dataDir, extensions });
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('with a duplicate extension, naming it', async () => {
    await expect(boot([ExampleExtension, ExampleExtension])).rejects.toThrow(
      'Extension "example": registered twice: extension names must be unique.',
    );
  });

  it('with an incompatible extension, naming it and both versions', async () => {
    await expect(boot([TooNewExtension])).rejects.toThrow(
      'Extension "too-new": requires Opstage ^2.0.0, but this is Opstage 0.5.0.',
    );
  });

  it('with a table that clashes with the core', async () => {
    await expect(boot([ClashExtension])).rejects.toThrow(
      'Extension "clash": entity ShadowAgentsEntity maps to table "agents", which belongs to the Opstage core.',
    );
  });

  it('with an unknown OPSTAGE_WEBHOOK_EVENTS name (the built-in notifier validates its config)', async () => {
    await expect(boot([], { ...RELEASED, OPSTAGE_WEBHOOK_EVENTS: 'agent.offline,agent.vanished' })).rejects.toThrow(
      /^Extension "webhook-notifier": OPSTAGE_WEBHOOK_EVENTS has unknown event\(s\) agent\.vanished/,
    );
  });
});

describe('extensions: migrations', () => {
  it('run up after the core and back down on an empty database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opstage-ext-mig-'));
    const ds = await new DataSource(
      dataSourceOptions({
        databasePath: join(dir, 'ext.db'),
        extraEntities: [WebhookDeliveryEntity, ExampleEventEntity],
        extraMigrations: [
          CreateWebhookDeliveries1764400000000,
          WebhookDeliveryLeases1764410000001,
          CreateExampleEvents1764500000000,
        ],
      }),
    ).initialize();
    try {
      expect(await migrate(ds)).toEqual([
        'Init1764300000000',
        'ListIndexes1764350000000',
        'SecurityHardening1764360000000',
        'ActionRemovedAt1764370000000',
        'ActionHasPrepareNullable1764390000000',
        'CreateWebhookDeliveries1764400000000',
        'ScaleOutClaims1764410000000',
        'WebhookDeliveryLeases1764410000001',
        'CreateExampleEvents1764500000000',
        'ApiTokens1764510000000',
        'Notifications1764620000000',
        'Schedules1764630000000',
      ]);
      const runner = ds.createQueryRunner();
      expect(await runner.hasTable('ext_webhook_notifier_deliveries')).toBe(true);
      expect(await runner.hasTable('ext_example_events')).toBe(true);
      // The hand-written migrations match their entities: TypeORM finds nothing left to synchronise.
      expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
      // Newest first: the core's Schedules, Notifications and ApiTokens, then example events, delivery leases,
      // the core's ScaleOutClaims and the delivery log.
      await ds.undoLastMigration();
      expect(await runner.hasTable('schedules')).toBe(false);
      await ds.undoLastMigration();
      expect(await runner.hasTable('notification_deliveries')).toBe(false);
      await ds.undoLastMigration();
      expect(await runner.hasTable('api_tokens')).toBe(false);
      for (let i = 0; i < 4; i += 1) await ds.undoLastMigration();
      expect(await runner.hasTable('ext_webhook_notifier_deliveries')).toBe(false);
      expect(await runner.hasTable('ext_example_events')).toBe(false);
      expect(await runner.hasTable('agents')).toBe(true);
      await runner.release();
    } finally {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('extensions: the example extension', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opstage-ext-example-'));
  let t: TestApp;
  let owner: AdminClient;
  let listenerErrors: jest.SpyInstance;

  beforeAll(async () => {
    listenerErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    t = await createTestApp({ env: RELEASED, dataDir, extensions: [ExampleExtension, ThrowingExtension] });
    owner = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
    listenerErrors.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const db = (): DataSource => t.app.get(DataSource);
  const tables = async (): Promise<string[]> =>
    (
      await db().query<{ name: string }[]>(
        db().options.type === 'postgres'
          ? `SELECT tablename AS "name" FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'ext\\_%' ORDER BY tablename`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ext_%' ORDER BY name`,
      )
    ).map((r) => r.name);
  /** Migrations recorded after the core ones' names are set aside: the extensions' own, in run order. */
  const extMigrations = async (): Promise<string[]> => {
    const core = coreSchemaNames().migrationNames;
    return (await db().query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id`))
      .map((r) => r.name)
      .filter((name) => !core.has(name));
  };

  interface Recorded {
    name: string;
    payload: Record<string, unknown>;
  }
  async function recorded(): Promise<Recorded[]> {
    const res = await owner.get('/api/ext/example/events?pageSize=100').expect(200);
    return res.body.data as Recorded[];
  }
  function find(events: Recorded[], name: string, match: Record<string, unknown>): Recorded | undefined {
    return events.find((e) => e.name === name && Object.entries(match).every(([k, v]) => e.payload[k] === v));
  }

  it('ran its migration after the core ones (own prefixed table, recorded once)', async () => {
    expect(await tables()).toEqual(['ext_example_events', 'ext_webhook_notifier_deliveries']);
    expect(await extMigrations()).toEqual([
      'CreateWebhookDeliveries1764400000000',
      'WebhookDeliveryLeases1764410000001',
      'CreateExampleEvents1764500000000',
    ]);
  });

  it('serves its routes under /api/ext/example through the global guard, envelope and validation', async () => {
    const anon = await request(t.server).get('/api/ext/example/events');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHORIZED');
    expect((await request(t.server).post('/api/ext/example/notes').send({ text: 'x' })).status).toBe(401);
    expect((await owner.agent.post('/api/ext/example/notes').send({ text: 'no csrf' })).body.error.code).toBe(
      'CSRF_INVALID',
    );

    await owner
      .post('/api/admin/users', { username: 'ext-viewer', password: 'ext-viewer-password', role: 'viewer' })
      .expect(200);
    const viewer = await loginAs(t.server, 'ext-viewer', 'ext-viewer-password');
    expect((await viewer.get('/api/ext/example/events')).status).toBe(200);
    const denied = await viewer.post('/api/ext/example/notes', { text: 'viewer' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');

    const bad = await owner.post('/api/ext/example/notes', { text: 'x', extra: true });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');

    const ok = await owner.post('/api/ext/example/notes', { text: 'hello from the example' }).expect(200);
    expect(ok.body).toMatchObject({
      success: true,
      data: { name: 'note', payload: { text: 'hello from the example' } },
    });
    const audit = await db().query(
      `SELECT "actorType", "targetId" FROM audit_events WHERE action = 'ext.example.note.added'`,
    );
    expect(audit).toEqual([{ actorType: 'USER', targetId: ok.body.data.id }]);
  });

  it('lists its routes in the OpenAPI document', async () => {
    const doc = await request(t.server).get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/ext/example/events',
        '/api/ext/example/notes',
        '/api/ext/webhook-notifier/deliveries',
        '/api/ext/webhook-notifier/test',
      ]),
    );
  });

  it('receives every domain event after commit; a throwing listener is logged and changes nothing', async () => {
    const a = await registerAgent(t.server, owner, 'ext-events-agent', { service: reportedService('ext-events-svc') });
    const agent = asAgent(t.server, a.agentToken);
    // Health change inside a report transaction (delivered after commit), then through the heartbeat fast path.
    const rep = await agent
      .post(`/api/agents/${a.agentId}/services/report`, {
        services: [reportedService('ext-events-svc', { health: { status: 'DEGRADED', message: 'slow' } })],
      })
      .expect(200);
    const serviceId = rep.body.data.services[0].id as string;
    await agent
      .post(`/api/agents/${a.agentId}/heartbeat`, { serviceId, health: { status: 'DOWN', message: 'db down' } })
      .expect(200);

    const exec = (): Promise<request.Response> =>
      owner.post(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: {} }).expect(200);
    const failed = answerNext(t.server, a.agentId, a.agentToken, () => ({
      success: false,
      message: 'nope',
      error: { code: 'ECHO_BROKEN', message: 'broken' },
    }));
    await exec();
    const failedCmd = await failed;
    const succeeded = answerNext(t.server, a.agentId, a.agentToken, () => ({ success: true, data: { ok: true } }));
    await exec();
    const okCmd = await succeeded;

    const stale = await seedAgentWithService(t.app, {
      code: 'ext-stale-agent',
      lastHeartbeatAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    const sweep = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(sweep.body.data.offlineAgents).toBeGreaterThanOrEqual(1);
    await asAgent(t.server, stale.token).post(`/api/agents/${stale.agentId}/heartbeat`, {}).expect(200);

    const events = await waitFor(
      async () => {
        const all = await recorded();
        return find(all, 'agent.online', { agentId: stale.agentId }) &&
          find(all, 'command.completed', { commandId: okCmd.id })
          ? all
          : undefined;
      },
      10_000,
      'all events recorded',
    );
    expect(
      find(events, 'agent.registered', { agentId: a.agentId, code: 'ext-events-agent', created: true }),
    ).toBeDefined();
    expect(
      find(events, 'service.health.changed', { serviceId, from: 'UP', to: 'DEGRADED', message: 'slow' }),
    ).toBeDefined();
    expect(
      find(events, 'service.health.changed', { serviceId, from: 'DEGRADED', to: 'DOWN', message: 'db down' }),
    ).toBeDefined();
    expect(
      find(events, 'command.created', { commandId: failedCmd.id, actionName: 'echo', type: 'ACTION_EXECUTE' })?.payload
        .createdBy,
    ).toEqual({ type: 'USER', id: expect.stringMatching(/^usr_/) });
    expect(
      find(events, 'command.failed', { commandId: failedCmd.id, errorCode: 'ECHO_BROKEN', errorMessage: 'broken' }),
    ).toBeDefined();
    expect(find(events, 'command.completed', { commandId: okCmd.id, serviceId })).toBeDefined();
    expect(find(events, 'agent.offline', { agentId: stale.agentId, thresholdSeconds: 90 })).toBeDefined();
    expect(find(events, 'agent.online', { agentId: stale.agentId, previousStatus: 'OFFLINE' })).toBeDefined();
    for (const e of events.filter((x) => x.name !== 'note'))
      expect(e.payload).toMatchObject({ occurredAt: expect.any(String), requestId: expect.any(String) });

    // The other extension's listener threw on agent.registered: logged, and the registration above still answered 200.
    expect(listenerErrors).toHaveBeenCalledWith('listener bug in extension "thrower"', expect.any(String));
  });

  it('gets no event for a change that rolled back', async () => {
    const { token } = await createToken(owner);
    const svc = reportedService('ext-rollback-svc');
    // Past the 256 KB manifest limit: refused inside the registration transaction, after the agent row was written.
    const huge = { ...svc, manifest: { ...svc.manifest, description: 'x'.repeat(300 * 1024) } };
    const res = await registerRaw(t.server, {
      registrationToken: token,
      agent: { code: 'ext-rollback-agent', mode: 'embedded' },
      service: huge,
    });
    expect(res.status).toBe(413);
    // A later event proves the listener has caught up before we look for the missing one.
    await owner.post('/api/ext/example/notes', { text: 'marker' }).expect(200);
    const marker = await registerAgent(t.server, owner, 'ext-after-rollback');
    const events = await waitFor(
      async () => {
        const all = await recorded();
        return find(all, 'agent.registered', { agentId: marker.agentId }) ? all : undefined;
      },
      5000,
      'marker registration',
    );
    expect(events.filter((e) => e.payload.code === 'ext-rollback-agent')).toEqual([]);
    expect(await db().query(`SELECT id FROM agents WHERE code = 'ext-rollback-agent'`)).toEqual([]);
  });

  it('reaches the core only through the curated facades (AgentsReader, CommandEnqueuer)', async () => {
    const seeded = await seedAgentWithService(t.app, { code: 'ext-facade-agent' });
    const reader = t.app.get(AgentsReader);
    const ctx = RequestContext.system(t.app.get(Clock));
    expect(await reader.getAgent(ctx, seeded.agentId)).toMatchObject({
      id: seeded.agentId,
      code: 'ext-facade-agent',
      effectiveStatus: 'ONLINE',
    });
    expect(await reader.getAgent(ctx, 'agt_missing')).toBeNull();
    expect(await reader.getService(ctx, seeded.serviceId)).toMatchObject({
      id: seeded.serviceId,
      agentId: seeded.agentId,
      status: 'HEALTHY',
    });
    expect((await reader.listAgents(ctx, { q: 'ext-facade', pageSize: 5 })).items.map((x) => x.code)).toEqual([
      'ext-facade-agent',
    ]);
    expect((await reader.listServices(ctx, { agentId: seeded.agentId })).pagination.total).toBe(1);

    const cmd = await t.app
      .get(CommandEnqueuer)
      .enqueue(ctx, { extension: 'example', serviceId: seeded.serviceId, actionName: 'ping', payload: {} });
    expect(cmd).toMatchObject({ serviceId: seeded.serviceId, actionName: 'ping', status: 'PENDING' });
    expect(await dbQuery(t, `SELECT "createdByType", "createdById" FROM commands WHERE id = ?`, [cmd.id])).toEqual([
      { createdByType: 'EXTENSION', createdById: 'example' },
    ]);
    await expect(
      t.app
        .get(CommandEnqueuer)
        .enqueue(ctx, { extension: 'example', serviceId: seeded.serviceId, actionName: 'nope' }),
    ).rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' });
  });

  it('keeps its data and does not re-run its migration on restart; removing it is refused by the migration guard', async () => {
    const before = await extMigrations();
    t = await t.restart();
    owner = await loginAs(t.server);
    expect(await extMigrations()).toEqual(before);
    expect(await tables()).toEqual(['ext_example_events', 'ext_webhook_notifier_deliveries']);
    expect((await recorded()).some((e) => e.name === 'note' && e.payload.text === 'hello from the example')).toBe(true);

    // Without the extension, the core's migration guard refuses the database (documented in docs/extensions.md).
    const coreOnly = await new DataSource(
      t.config.databaseUrl === undefined
        ? dataSourceOptions({ databasePath: t.config.databasePath })
        : postgresDataSourceOptions({ url: t.config.databaseUrl, poolSize: 1, replicaId: 'core-only' }),
    ).initialize();
    try {
      await expect(migrate(coreOnly)).rejects.toThrow(/CreateExampleEvents1764500000000/);
    } finally {
      await coreOnly.destroy();
    }
  });
});
