import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { CommandResultEntity } from '../src/commands/command-result.entity';
import { LivenessWriter } from '../src/agent-gateway/liveness-writer';
import { TransactionRunner } from '../src/database/transaction-runner';
import { WebhookDeliveriesRepository } from '../src/extensions/webhook-notifier/webhook-deliveries.repository';
import type { WebhookDeliveryEntity } from '../src/extensions/webhook-notifier/webhook-delivery.entity';
import { MAINTENANCE_JOB, MaintenanceScheduler } from '../src/maintenance/maintenance.scheduler';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { ScheduledSlotEntity } from '../src/maintenance/scheduled-slot.entity';
import { createTestApp, FixedClock, TEST_ADMIN, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent } from './support/agent-flow';
import { poll, report } from './support/commands-helpers';
import { seedAgentWithService } from './support/seed';

jest.setTimeout(60_000);

/**
 * Claims that must hold when several replicas share one database (docs/operations.md,
 * "Maintenance sweep"): two apps on one SQLite file (in e2e-pg: one PostgreSQL database) stand in
 * for two replicas; test/postgres/claims.e2e-spec.ts races three of them on PostgreSQL.
 */
describe('claims across replicas (two apps on one database)', () => {
  const clock = new FixedClock('2026-03-01T10:00:00.000Z');
  let a: TestApp;
  let b: TestApp;
  let adminA: AdminClient;
  let adminB: AdminClient;

  beforeAll(async () => {
    // An hour: the timers never fire during the test, which ticks by hand on the shared clock.
    const env = { OPSTAGE_TRUST_PROXY: 'true', OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '3600' };
    a = await createTestApp({ clock, listen: true, env: { ...env, OPSTAGE_REPLICA_ID: 'replica-a' } });
    b = await createTestApp({
      clock,
      listen: true,
      dataDir: a.dataDir,
      database: a.database,
      env: { ...env, OPSTAGE_REPLICA_ID: 'replica-b' },
    });
    adminA = await loginAs(a.server);
    adminB = await loginAs(b.server);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const slots = (): Promise<ScheduledSlotEntity[]> =>
    a.app
      .get(DataSource)
      .getRepository(ScheduledSlotEntity)
      .find({ order: { slotStart: 'ASC' } });

  it('samples one heartbeat audit per agent per window while its heartbeats alternate between replicas', async () => {
    const agent = await registerAgent(a.server, adminA, 'alternating-agent');
    const audits = async (): Promise<number> => {
      await a.app.get(LivenessWriter).flush();
      await b.app.get(LivenessWriter).flush();
      return a.app
        .get(DataSource)
        .getRepository(AuditEventEntity)
        .count({ where: { action: 'agent.heartbeat.received', targetId: agent.agentId } });
    };
    const hb = (t: TestApp): request.Test =>
      asAgent(t.server, agent.agentToken).post(`/api/agents/${agent.agentId}/heartbeat`, {});
    for (let i = 0; i < 10; i += 1) {
      await hb(i % 2 === 0 ? a : b).expect(200);
      // Flushing between heartbeats makes each replica's claim visible to the other's next read.
      await audits();
      clock.advance(29_000);
    }
    expect(await audits()).toBe(1);
    clock.advance(5 * 60_000);
    await Promise.all([hb(a).expect(200), hb(b).expect(200)]);
    expect(await audits()).toBe(2);
  });

  it('the login throttle holds across replicas, also for parallel attempts', async () => {
    const login = (t: TestApp, ip: string, password: string): request.Test =>
      request(t.server)
        .post('/api/admin/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username: TEST_ADMIN.username, password });
    for (let i = 0; i < 5; i += 1) await login(i % 2 === 0 ? a : b, '10.9.0.1', 'wrong').expect(401);
    const sixth = await login(b, '10.9.0.1', 'wrong');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('RATE_LIMITED');
    expect((await login(a, '10.9.0.1', TEST_ADMIN.password)).status).toBe(429);

    const burst = await Promise.all(
      Array.from({ length: 16 }, (_v, i) => login(i % 2 === 0 ? a : b, '10.9.0.2', 'wrong')),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
  });

  it('a one-time secret is revealed once when both replicas are asked at the same time', async () => {
    const seeded = await seedAgentWithService(a.app, { actions: [{ name: 'rotateKey' }] });
    const key = 'gk-REPLICA-RACE-0123456789';
    const exec = await adminA.post(`/api/admin/capsule-services/${seeded.serviceId}/actions/rotateKey`, {
      payload: {},
    });
    const id = (exec.body as { data: { id: string } }).data.id;
    await poll(a.server, seeded.agentId, seeded.token);
    await report(b.server, seeded.agentId, seeded.token, id, {
      success: true,
      data: { generatedKey: key, oneTimeFields: ['generatedKey'] },
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_v, i) => (i % 2 === 0 ? adminA : adminB).post(`/api/admin/commands/${id}/reveal`)),
    );
    const won = answers.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect((won[0]?.body as { data: { fields: Record<string, unknown> } }).data.fields).toEqual({ generatedKey: key });
    const lost = answers.filter((r) => r.status !== 200);
    expect(lost.map((r) => [r.status, (r.body as { error: { code: string } }).error.code])).toEqual(
      Array.from({ length: 5 }, () => [409, 'COMMAND_SECRET_NOT_AVAILABLE']),
    );
    const row = await a.app.get(DataSource).getRepository(CommandResultEntity).findOneByOrFail({ commandId: id });
    expect(row.sealedData).toBeNull();
  });

  it('a webhook delivery is held by one replica: the other takes it only when released or its lease ran out', async () => {
    const [ra, rb] = [a.app.get(WebhookDeliveriesRepository), b.app.get(WebhookDeliveriesRepository)];
    const at = (ms: number): string => new Date(clock.nowMs() + ms).toISOString();
    const row: WebhookDeliveryEntity = {
      id: 'whd_claims_test_0000000001',
      event: 'webhook.test',
      status: 'PENDING',
      attempts: 0,
      responseStatus: null,
      lastError: null,
      summary: 'claims',
      body: '{}',
      createdAt: at(0),
      updatedAt: at(0),
      deliveredAt: null,
      holder: 'whh_a',
      leaseUntil: at(60_000),
    };
    await a.app.get(TransactionRunner).run((tx) => ra.insert(row, tx));
    expect(await rb.claimFree('whh_b', at(0), at(60_000), 10)).toEqual([]);
    expect(await ra.renew(row.id, 'whh_a', at(120_000))).toBe(true);
    // The holder died: nobody renews, the lease runs out, both survivors claim and one wins
    // (one after the other here: two SQLite connections in one process block each other's loop).
    const x = await rb.claimFree('whh_b', at(121_000), at(181_000), 10);
    const y = await ra.claimFree('whh_c', at(121_000), at(181_000), 10);
    expect([x.length, y.length]).toEqual([1, 0]);
    const winner = 'whh_b';
    expect(await ra.renew(row.id, 'whh_a', at(200_000))).toBe(false);
    expect(await ra.update(row.id, 'whh_a', { status: 'DELIVERED', attempts: 1 })).toBe(false);
    // A clean shutdown releases at once: the next claimer does not wait for the lease.
    expect(await rb.release(winner)).toBe(1);
    expect((await ra.claimFree('whh_d', at(122_000), at(182_000), 10)).map((r) => r.id)).toEqual([row.id]);
    expect(await ra.update(row.id, 'whh_d', { status: 'DELIVERED', attempts: 1 })).toBe(true);
    expect(await ra.findById(row.id)).toMatchObject({ status: 'DELIVERED', holder: null, leaseUntil: null });
  });

  it('the scheduled sweep runs once per interval: one replica claims the slot, the other skips', async () => {
    const sweepsA = jest.spyOn(a.app.get(MaintenanceService), 'run');
    const sweepsB = jest.spyOn(b.app.get(MaintenanceService), 'run');
    const [sa, sb] = [a.app.get(MaintenanceScheduler), b.app.get(MaintenanceScheduler)];
    const interval = sa.intervalSeconds * 1000;
    expect(interval).toBeGreaterThan(0);
    for (let i = 0; i < 3; i += 1) {
      // One after the other: two SQLite connections in one process would block each other's event
      // loop on the file lock (one process per file is the SQLite deployment); PostgreSQL races them.
      const first = i % 2 === 0 ? sa : sb;
      const second = first === sa ? sb : sa;
      expect(await first.tick()).toBe('ran');
      expect(await second.tick()).toBe('taken');
      clock.advance(interval);
    }
    expect(sweepsA.mock.calls.length + sweepsB.mock.calls.length).toBe(3);
    const rows = await slots();
    expect(rows.map((r) => r.job)).toEqual([MAINTENANCE_JOB, MAINTENANCE_JOB, MAINTENANCE_JOB]);
    expect(new Set(rows.map((r) => r.slotStart)).size).toBe(3);
    for (const r of rows) expect(['replica-a', 'replica-b']).toContain(r.replicaId);

    // A replica that is gone does not tick; the other takes every following interval alone.
    expect(await sb.tick()).toBe('ran');
    // Slot rows older than a day are pruned by the next claimer (last test: sessions expire with this jump).
    clock.advance(2 * 86_400_000);
    expect(await sa.tick()).toBe('ran');
    expect((await slots()).map((r) => r.slotStart)).toEqual([
      new Date(Math.round(clock.nowMs() / interval) * interval).toISOString(),
    ]);
    sweepsA.mockRestore();
    sweepsB.mockRestore();
  });
});
