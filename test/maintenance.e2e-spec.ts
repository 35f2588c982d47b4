import type { NestExpressApplication } from '@nestjs/platform-express';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AgentEntity } from '../src/agents/agent.entity';
import { AgentTokenEntity } from '../src/agents/agent-token.entity';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { SessionEntity } from '../src/auth/session.entity';
import { BusEventEntity } from '../src/bus/bus-event.entity';
import { CapsuleServiceEntity } from '../src/capsule-services/capsule-service.entity';
import { HealthReportEntity } from '../src/capsule-services/health-report.entity';
import { CommandEntity } from '../src/commands/command.entity';
import { CommandResultEntity } from '../src/commands/command-result.entity';
import { EnvelopeExpressAdapter } from '../src/common/http/envelope';
import { AppLogger } from '../src/common/logging/app-logger';
import { TransactionRunner } from '../src/database/transaction-runner';
import { loadConfig } from '../src/config/app-config';
import {
  MAINTENANCE_INTERVAL_NAME,
  MAINTENANCE_TICK_UNIT_MS,
  MaintenanceScheduler,
} from '../src/maintenance/maintenance.scheduler';
import { SweepSteps, SWEEP_BATCH_SIZE } from '../src/maintenance/sweep-steps';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { RegistrationTokenEntity } from '../src/registration-tokens/registration-token.entity';
import { createTestApp, FixedClock, TEST_ADMIN, TEST_SECRET, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { loginWithRole, Seeder } from './support/maintenance-seed';

const NOW = '2026-03-01T12:00:00.000Z';
const MIN = 60_000;
const DAY = 86_400_000;

describe('maintenance sweep (fixed clock, seeded rows)', () => {
  let t: TestApp;
  let owner: AdminClient;
  let seed: Seeder;
  const clock = new FixedClock(NOW);

  beforeEach(async () => {
    clock.set(NOW);
    t = await createTestApp({ clock, env: { OPSTAGE_HEALTH_REPORTS_KEEP: '3' } });
    owner = await loginAs(t.server);
    seed = new Seeder(t.app, NOW);
  });
  afterEach(() => t.close());

  it('expires, marks offline and prunes every table, returns the counts and audits them', async () => {
    // Registration tokens: only the ACTIVE one past its expiry changes.
    const tokExpired = await seed.registrationToken('ACTIVE', seed.ago(MIN));
    const tokFuture = await seed.registrationToken('ACTIVE', seed.ago(-MIN));
    await seed.registrationToken('ACTIVE', null);
    await seed.registrationToken('USED', seed.ago(MIN));

    // Agents (threshold 90 s): stale ONLINE and stale PENDING go OFFLINE; fresh, never-seen and DISABLED stay.
    const staleOnline = await seed.agent('ONLINE', seed.ago(5 * MIN));
    const fresh = await seed.agent('ONLINE', seed.ago(10_000));
    const disabled = await seed.agent('DISABLED', seed.ago(DAY));
    const neverSeen = await seed.agent('PENDING', null);
    const stalePending = await seed.agent('PENDING', seed.ago(DAY));
    const svcStale = await seed.service(staleOnline, 'HEALTHY');
    const svcFresh = await seed.service(fresh, 'HEALTHY');
    const svcDisabled = await seed.service(disabled, 'HEALTHY');

    // Commands.
    const base = { agentId: fresh, serviceId: svcFresh };
    const pendingExpired = await seed.command({
      ...base,
      status: 'PENDING',
      expiresAt: seed.ago(1000),
      sealedPayload: 'sealed-blob',
    });
    const runningFuture = await seed.command({
      ...base,
      status: 'RUNNING',
      startedAt: seed.ago(1000),
      expiresAt: seed.ago(-MIN),
    });
    const prepareExpired = await seed.command({
      ...base,
      status: 'RUNNING',
      type: 'ACTION_PREPARE',
      expiresAt: seed.ago(1),
    });
    const prepareNoExpiry = await seed.command({
      ...base,
      status: 'PENDING',
      type: 'ACTION_PREPARE',
      createdAt: seed.ago(60 * MIN),
      expiresAt: null,
    });
    const succeededWithSeal = await seed.command({
      ...base,
      status: 'SUCCEEDED',
      completedAt: seed.ago(MIN),
      expiresAt: seed.ago(1000),
      sealedPayload: 'left-behind',
    });
    const oldDone = await seed.command({
      ...base,
      status: 'FAILED',
      completedAt: seed.ago(40 * DAY),
      createdAt: seed.ago(40 * DAY),
    });
    const oldDoneResult = await seed.result(oldDone, fresh);
    const recentDone = await seed.command({
      ...base,
      status: 'CANCELLED',
      completedAt: seed.ago(10 * DAY),
      createdAt: seed.ago(10 * DAY),
    });
    const oldOpen = await seed.command({
      ...base,
      status: 'RUNNING',
      createdAt: seed.ago(40 * DAY),
      startedAt: seed.ago(40 * DAY),
    });
    const expiredSecret = await seed.result(succeededWithSeal, fresh, {
      data: 'sealed-once',
      expiresAt: seed.ago(1000),
    });
    const liveSecret = await seed.result(recentDone, fresh, { data: 'sealed-live', expiresAt: seed.ago(-MIN) });

    // Audit (90 days), health (keep 3), sessions, revoked tokens / bus events (30 days).
    await seed.audit('old.one', seed.ago(100 * DAY));
    await seed.audit('old.two', seed.ago(91 * DAY));
    const keptAudit = await seed.audit('recent', seed.ago(10 * DAY));
    const reportsA = await seed.healthReports(svcFresh, fresh, 5);
    const reportsB = await seed.healthReports(svcDisabled, disabled, 2);
    await seed.session(seed.ago(1000));
    const tokenOld = await seed.agentToken(fresh, 'REVOKED', seed.ago(40 * DAY));
    const tokenRecent = await seed.agentToken(fresh, 'REVOKED', seed.ago(DAY));
    const tokenActive = await seed.agentToken(fresh, 'ACTIVE', null);
    await seed.busEvent(fresh, seed.ago(40 * DAY));
    const busRecent = await seed.busEvent(fresh, seed.ago(DAY));

    const res = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(res.body.data).toEqual({
      expiredRegistrationTokens: 1,
      expiredCommands: 3,
      expiredApprovals: 0,
      offlineAgents: 2,
      offlineServices: 1,
      deletedAuditEvents: 2,
      deletedCommands: 1,
      deletedHealthReports: 2,
      deletedSessions: 1,
      deletedLoginThrottles: 0,
      deletedAgentTokens: 1,
      deletedBusEvents: 1,
      deletedApiTokens: 0,
      deletedScheduleRuns: 0,
      wipedSecrets: 2,
      ranAt: NOW,
      durationMs: expect.any(Number),
    });

    // Registration tokens.
    expect((await seed.findOne(RegistrationTokenEntity, tokExpired))?.status).toBe('EXPIRED');
    expect((await seed.findOne(RegistrationTokenEntity, tokFuture))?.status).toBe('ACTIVE');

    // Agents and their services.
    const agentStatus = async (id: string): Promise<string | undefined> =>
      (await seed.findOne(AgentEntity, id))?.status;
    expect(await agentStatus(staleOnline)).toBe('OFFLINE');
    expect(await agentStatus(stalePending)).toBe('OFFLINE');
    expect(await agentStatus(fresh)).toBe('ONLINE');
    expect(await agentStatus(disabled)).toBe('DISABLED');
    expect(await agentStatus(neverSeen)).toBe('PENDING');
    expect(await seed.findOne(CapsuleServiceEntity, svcStale)).toMatchObject({
      status: 'OFFLINE',
      healthStatus: 'UNKNOWN',
    });
    expect((await seed.findOne(CapsuleServiceEntity, svcFresh))?.status).toBe('HEALTHY');
    expect((await seed.findOne(CapsuleServiceEntity, svcDisabled))?.status).toBe('HEALTHY');

    // Commands.
    expect(await seed.findOne(CommandEntity, pendingExpired)).toMatchObject({
      status: 'EXPIRED',
      errorCode: 'COMMAND_EXPIRED',
      errorMessage: 'Command expired before completion.',
      completedAt: NOW,
      sealedPayload: null,
    });
    expect(await seed.findOne(CommandEntity, prepareExpired)).toMatchObject({
      status: 'EXPIRED',
      errorCode: 'COMMAND_EXPIRED',
    });
    expect((await seed.findOne(CommandEntity, prepareNoExpiry))?.status).toBe('EXPIRED');
    expect((await seed.findOne(CommandEntity, runningFuture))?.status).toBe('RUNNING');
    expect(await seed.findOne(CommandEntity, succeededWithSeal)).toMatchObject({
      status: 'SUCCEEDED',
      sealedPayload: null,
    });
    expect(await seed.findOne(CommandEntity, oldDone)).toBeNull();
    expect(await seed.findOne(CommandResultEntity, oldDoneResult)).toBeNull();
    expect(await seed.findOne(CommandEntity, recentDone)).not.toBeNull();
    expect(await seed.findOne(CommandEntity, oldOpen)).not.toBeNull();
    expect((await seed.findOne(CommandResultEntity, expiredSecret))?.sealedData).toBeNull();
    expect((await seed.findOne(CommandResultEntity, liveSecret))?.sealedData).toBe('sealed-live');

    // Retention of the other tables.
    const audit = await seed.rows(AuditEventEntity);
    expect(audit.map((a) => a.action)).not.toEqual(expect.arrayContaining(['old.one']));
    expect(audit.map((a) => a.id)).toContain(keptAudit);
    const reports = (await seed.rows(HealthReportEntity)).map((r) => r.id).sort();
    expect(reports).toEqual([...reportsA.slice(2), ...reportsB].sort());
    const sessions = await seed.rows(SessionEntity);
    expect(sessions).toHaveLength(1); // the owner's live session only
    expect((await seed.rows(AgentTokenEntity)).map((r) => r.id).sort()).toEqual([tokenRecent, tokenActive].sort());
    expect((await seed.rows(BusEventEntity)).map((r) => r.id)).toEqual([busRecent]);
    expect(tokenOld).toBeDefined();

    // Audit trail: per-agent offline, aggregate expiry, the sweep summary and the manual trigger.
    const actions = (await seed.rows(AuditEventEntity)).map((a) => ({
      action: a.action,
      actorType: a.actorType,
      targetId: a.targetId,
      metadata: JSON.parse(a.metadataJson) as unknown,
    }));
    expect(
      actions
        .filter((a) => a.action === 'system.agent.offline')
        .map((a) => a.targetId)
        .sort(),
    ).toEqual([staleOnline, stalePending].sort());
    expect(actions.find((a) => a.action === 'system.command.expired')?.metadata).toEqual({ count: 3 });
    expect(actions.find((a) => a.action === 'system.maintenance.completed')).toMatchObject({
      actorType: 'SYSTEM',
      metadata: { offlineAgents: 2, expiredCommands: 3 },
    });
    expect(actions.find((a) => a.action === 'maintenance.triggered')).toMatchObject({
      actorType: 'USER',
      metadata: { offlineAgents: 2, ranAt: NOW },
    });

    // A second sweep finds nothing left to do and writes no summary.
    const again = await owner.post('/api/admin/maintenance/run').expect(200);
    const { ranAt: _r, durationMs: _d, ...counts } = again.body.data as Record<string, number>;
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    const summaries = (await seed.rows(AuditEventEntity)).filter((a) => a.action === 'system.maintenance.completed');
    expect(summaries).toHaveLength(1);
  });

  it('retention 0 keeps audit and commands; the threshold setting decides who goes offline', async () => {
    await owner
      .patch('/api/admin/settings/maintenance', {
        auditRetentionDays: 0,
        commandRetentionDays: 0,
        agentOfflineThresholdSeconds: 600,
      })
      .expect(200);
    const agent = await seed.agent('ONLINE', seed.ago(5 * MIN)); // stale for 90 s, fresh for 600 s
    const svc = await seed.service(agent);
    await seed.audit('ancient', seed.ago(5000 * DAY));
    await seed.command({ agentId: agent, serviceId: svc, status: 'SUCCEEDED', completedAt: seed.ago(5000 * DAY) });
    const res = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(res.body.data).toMatchObject({ offlineAgents: 0, deletedAuditEvents: 0, deletedCommands: 0 });

    clock.advance(6 * MIN);
    const later = await owner.post('/api/admin/maintenance/run').expect(200);
    expect(later.body.data).toMatchObject({ offlineAgents: 1, offlineServices: 1 });
  });

  it('batches deletes: more rows than one batch are all removed', async () => {
    const repo = t.app.get(SweepSteps);
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      id: `aud_bulk${String(i).padStart(6, '0')}`,
      workspaceId: 'wks_default',
      actorType: 'SYSTEM' as const,
      actorId: null,
      action: 'bulk',
      targetType: null,
      targetId: null,
      result: 'SUCCESS' as const,
      message: null,
      ipAddress: null,
      userAgent: null,
      metadataJson: '{}',
      createdAt: seed.ago(200 * DAY),
    }));
    const tx = t.app.get(TransactionRunner);
    for (let i = 0; i < rows.length; i += 200) await tx.manager.insert(AuditEventEntity, rows.slice(i, i + 200));
    const runs = jest.spyOn(tx, 'run');
    const pruned = await repo.pruneAudit(seed.ago(90 * DAY));
    expect(pruned).toBe(12_000);
    // One short transaction per batch, not one long one: every full batch, then the short (or empty) last one.
    expect(runs.mock.calls.length).toBe(Math.floor(12_000 / SWEEP_BATCH_SIZE) + 1);
    expect(await tx.manager.count(AuditEventEntity, { where: { action: 'bulk' } })).toBe(0);
    // 12,000 inserts and 12 batches: about 6 s on a loaded 2-core machine, past jest's 5 s default.
  }, 30_000);

  it('a failed sweep is logged, surfaces as DEGRADED in /api/system/health, and clears after a good one', async () => {
    const repo = t.app.get(SweepSteps);
    const spy = jest.spyOn(repo, 'expireRegistrationTokens').mockRejectedValueOnce(new Error('disk I/O error'));
    await owner.post('/api/admin/maintenance/run').expect(500);
    const health = await request(t.server).get('/api/system/health').expect(200);
    expect(health.body.data.status).toBe('DEGRADED');
    expect(health.body.data.checks.maintenance).toMatchObject({ status: 'DEGRADED' });
    spy.mockRestore();
    await owner.post('/api/admin/maintenance/run').expect(200);
    const ok = await request(t.server).get('/api/system/health').expect(200);
    expect(ok.body.data.status).toBe('UP');
  });

  it('reports DEGRADED when the data disk is nearly full', async () => {
    const service = t.app.get(MaintenanceService);
    jest
      .spyOn(service, 'probeDisk')
      .mockReturnValue({ freeBytes: 100 * 1024 * 1024, totalBytes: 1000 * 1024 * 1024 * 1024 });
    const health = await request(t.server).get('/api/system/health').expect(200);
    expect(health.body.data.status).toBe('DEGRADED');
    expect(health.body.data.checks.disk.message).toMatch(/nearly full/);
  });
});

describe('maintenance settings and RBAC', () => {
  let t: TestApp;
  let owner: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await loginAs(t.server);
  });
  afterAll(() => t.close());

  it('GET shows effective values, overrides and defaults; PATCH pins only what was sent; DELETE resets', async () => {
    const initial = await owner.get('/api/admin/settings/maintenance').expect(200);
    expect(initial.body.data).toMatchObject({
      agentOfflineThresholdSeconds: 90,
      auditRetentionDays: 90,
      commandRetentionDays: 30,
      healthReportsKeep: 288,
      overridden: [],
    });

    const patched = await owner
      .patch('/api/admin/settings/maintenance', { agentOfflineThresholdSeconds: 120, healthReportsKeep: 10 })
      .expect(200);
    expect(patched.body.data).toMatchObject({
      agentOfflineThresholdSeconds: 120,
      healthReportsKeep: 10,
      auditRetentionDays: 90,
    });
    expect(patched.body.data.overridden.sort()).toEqual(['agentOfflineThresholdSeconds', 'healthReportsKeep']);
    expect(patched.body.data.defaults.agentOfflineThresholdSeconds).toBe(90);

    const reset = await owner.delete('/api/admin/settings/maintenance').expect(200);
    expect(reset.body.data).toMatchObject({ agentOfflineThresholdSeconds: 90, healthReportsKeep: 288, overridden: [] });

    const audit = (await new Seeder(t.app, new Date().toISOString()).rows(AuditEventEntity)).filter(
      (a) => a.action === 'settings.maintenance.updated',
    );
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit.find((a) => a.metadataJson.includes('"reset":true'))?.metadataJson ?? '{}')).toMatchObject({
      reset: true,
    });
  });

  it.each([
    [{ agentOfflineThresholdSeconds: 4 }],
    [{ agentOfflineThresholdSeconds: 0 }],
    [{ maintenanceIntervalSeconds: 3 }],
    [{ maintenanceIntervalSeconds: -1 }],
    [{ auditRetentionDays: 3651 }],
    [{ commandRetentionDays: -1 }],
    [{ healthReportsKeep: 0 }],
    [{ healthReportsKeep: 10_001 }],
    [{ auditRetentionDays: '7' }],
    [{ auditRetentionDays: 1.5 }],
    [{ unknownSetting: 1 }],
  ])('PATCH %j → 422', async (body) => {
    const res = await owner.patch('/api/admin/settings/maintenance', body).expect(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('accepts the edges: threshold 5, interval 0 and 5, retention 0 and 3650, keep 1 and 10000', async () => {
    await owner
      .patch('/api/admin/settings/maintenance', {
        agentOfflineThresholdSeconds: 5,
        maintenanceIntervalSeconds: 0,
        auditRetentionDays: 0,
        commandRetentionDays: 3650,
        healthReportsKeep: 1,
      })
      .expect(200);
    await owner
      .patch('/api/admin/settings/maintenance', {
        maintenanceIntervalSeconds: 5,
        auditRetentionDays: 3650,
        commandRetentionDays: 0,
        healthReportsKeep: 10_000,
      })
      .expect(200);
    await owner.delete('/api/admin/settings/maintenance').expect(200);
  });

  it('viewers read settings but get 403 on PATCH, DELETE, run, diagnostics and backup; operators may run and read diagnostics', async () => {
    const viewer = await loginWithRole(t.server, owner, 'viewer');
    const operator = await loginWithRole(t.server, owner, 'operator');
    await viewer.get('/api/admin/settings/maintenance').expect(200);
    await viewer.patch('/api/admin/settings/maintenance', { auditRetentionDays: 1 }).expect(403);
    await viewer.delete('/api/admin/settings/maintenance').expect(403);
    await viewer.post('/api/admin/maintenance/run').expect(403);
    await viewer.get('/api/admin/diagnostics/runtime').expect(403);
    await viewer.post('/api/admin/backup/sqlite').expect(403);

    await operator.patch('/api/admin/settings/maintenance', { auditRetentionDays: 1 }).expect(403);
    await operator.post('/api/admin/backup/sqlite').expect(403);
    await operator.post('/api/admin/maintenance/run').expect(200);
    await operator.get('/api/admin/diagnostics/runtime').expect(200);
    await request(t.server).get('/api/admin/settings/maintenance').expect(401);
    await owner.agent.post('/api/admin/maintenance/run').expect(403); // no CSRF header
  });

  it('diagnostics carry runtime facts and never a secret', async () => {
    const res = await owner.get('/api/admin/diagnostics/runtime').expect(200);
    const data = res.body.data;
    expect(data).toMatchObject({ edition: 'CE', node: process.version, database: { kind: t.config.databaseKind } });
    expect(data.replicaId).toBe(t.config.replicaId);
    // The cross-replica bus: LISTEN/NOTIFY on PostgreSQL (connected by now), in-process on SQLite.
    expect(data.cluster).toMatchObject(
      t.config.databaseKind === 'postgres'
        ? { kind: 'postgres', status: 'connected', publishFailures: 0 }
        : { kind: 'in-process', status: 'connected' },
    );
    expect(data.config).toMatchObject({
      databaseKind: t.config.databaseKind,
      databasePoolSize: t.config.databasePoolSize,
    });
    if (t.config.databaseKind === 'sqlite') {
      expect(data.config.databasePath).toBe(t.config.databasePath);
      expect(data.database).not.toHaveProperty('pool');
      expect(data.database.fileSizeBytes).toBeGreaterThan(0);
    } else {
      // The pool of this replica; its URL (with the password) appears nowhere.
      expect(data.database.pool).toMatchObject({ size: t.config.databasePoolSize, waiting: 0 });
      expect(data.config.databasePath).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain(t.config.databaseUrl);
    }
    expect(data.database.tableRowCounts.users).toBeGreaterThanOrEqual(1);
    expect(typeof data.memory.rss).toBe('number');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(TEST_SECRET);
    expect(text).not.toContain(TEST_ADMIN.password);
    expect(data.config).not.toHaveProperty('sessionSecret');
    expect(data.config).not.toHaveProperty('adminPassword');
    expect(data.config).not.toHaveProperty('metricsToken');
  });
});

describe('diagnostics with every secret configured', () => {
  it('omits the metrics token, the webhook secret and credentials in the webhook URL', async () => {
    const env = {
      OPSTAGE_METRICS_ENABLED: 'true',
      OPSTAGE_METRICS_TOKEN: 'metrics-token-value-1234567890',
      OPSTAGE_WEBHOOK_URL: 'https://hookuser:hookpass@hooks.example.com/path?key=querysecret',
      OPSTAGE_WEBHOOK_SECRET: 'webhook-secret-value-abcdef',
    };
    const t = await createTestApp({ env });
    try {
      const owner = await loginAs(t.server);
      const res = await owner.get('/api/admin/diagnostics/runtime').expect(200);
      const text = JSON.stringify(res.body);
      for (const secret of [
        TEST_SECRET,
        TEST_ADMIN.password,
        env.OPSTAGE_METRICS_TOKEN,
        env.OPSTAGE_WEBHOOK_SECRET,
        'hookpass',
        'querysecret',
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(res.body.data.config).toMatchObject({
        metricsTokenSet: true,
        webhook: { secretSet: true, url: 'https://hooks.example.com' },
      });
    } finally {
      await t.close();
    }
  });
});

describe('scheduler on a short interval (tick unit 20 ms per configured second)', () => {
  let app: NestExpressApplication;
  let server: Server;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'opstage-sched-'));
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        OPSTAGE_SESSION_SECRET: TEST_SECRET,
        OPSTAGE_ADMIN_USERNAME: TEST_ADMIN.username,
        OPSTAGE_ADMIN_PASSWORD: TEST_ADMIN.password,
        OPSTAGE_DATA_DIR: dataDir,
        OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '10',
        OPSTAGE_LOG_LEVEL: 'error',
        OPSTAGE_STATIC_DIR: join(dataDir, 'none'),
      },
      { packageVersion: '0.0.0-test' },
    );
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config })] })
      .overrideProvider(MAINTENANCE_TICK_UNIT_MS)
      .useValue(20)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>(new EnvelopeExpressAdapter(), {
      bodyParser: false,
      logger: new AppLogger('error'),
    });
    configureApp(app, config);
    await app.init();
    server = app.getHttpServer();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const waitFor = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return check();
  };

  it('runs on the interval boundaries, reschedules on PATCH and stops at 0', async () => {
    const scheduler = app.get(MaintenanceScheduler);
    const registry = app.get(SchedulerRegistry);
    const service = app.get(MaintenanceService);
    const seed = new Seeder(app, new Date().toISOString());
    expect(scheduler.intervalSeconds).toBe(10);
    expect(registry.getTimeouts()).toContain(MAINTENANCE_INTERVAL_NAME);

    // Boot-time interval 10 × 20 ms = 200 ms: the token expires by itself.
    const first = await seed.registrationToken('ACTIVE', new Date(Date.now() - 1000).toISOString());
    expect(
      await waitFor(async () => (await seed.findOne(RegistrationTokenEntity, first))?.status === 'EXPIRED', 3000),
    ).toBe(true);

    const owner = await loginAs(server);
    await owner.patch('/api/admin/settings/maintenance', { maintenanceIntervalSeconds: 0 }).expect(200);
    expect(scheduler.intervalSeconds).toBe(0);
    expect(registry.getTimeouts()).not.toContain(MAINTENANCE_INTERVAL_NAME);
    const sweeps = jest.spyOn(service, 'run');
    const idle = await seed.registrationToken('ACTIVE', new Date(Date.now() - 1000).toISOString());
    await new Promise((r) => setTimeout(r, 400));
    expect(sweeps).not.toHaveBeenCalled();
    expect((await seed.findOne(RegistrationTokenEntity, idle))?.status).toBe('ACTIVE');

    await owner.patch('/api/admin/settings/maintenance', { maintenanceIntervalSeconds: 5 }).expect(200);
    expect(scheduler.intervalSeconds).toBe(5);
    expect(
      await waitFor(async () => (await seed.findOne(RegistrationTokenEntity, idle))?.status === 'EXPIRED', 3000),
    ).toBe(true);
    expect(sweeps.mock.calls.length).toBeGreaterThanOrEqual(1);
    sweeps.mockRestore();
  });
});
