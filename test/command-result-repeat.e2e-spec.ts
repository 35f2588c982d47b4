import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { CommandResultEntity } from '../src/commands/command-result.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';
import { poll, report } from './support/commands-helpers';

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string };
}

/**
 * Idempotent result reporting (docs/actions-and-commands.md, Results): an agent that lost the
 * answer to its result POST sends the same result again and gets 200 again, with nothing changed;
 * a different result after the terminal state stays 409.
 */
describe('repeated command results', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  async function running(a: SeededAgent): Promise<string> {
    const res = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    const id = (res.body as Envelope<{ id: string }>).data.id;
    await poll(t.server, a.agentId, a.token);
    return id;
  }

  const rows = (commandId: string): Promise<{ results: number; audits: number }> => {
    const ds = t.app.get(DataSource);
    return Promise.all([
      ds.getRepository(CommandResultEntity).count({ where: { commandId } }),
      ds.getRepository(AuditEventEntity).count({ where: { targetId: commandId, action: 'command.completed' } }),
    ]).then(([results, audits]) => ({ results, audits }));
  };

  it('acknowledges the same result again with 200 and changes nothing', async () => {
    const a = await seedAgentWithService(t.app);
    const id = await running(a);
    const body = {
      success: true,
      message: 'done',
      data: { n: 1, password: 'p@ss', generatedKey: 'k-123' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
    };
    const first = await report(t.server, a.agentId, a.token, id, body);
    expect(first.status).toBe(200);
    const before = await admin.get(`/api/admin/commands/${id}`);
    const again = await report(t.server, a.agentId, a.token, id, body);
    expect(again.status).toBe(200);
    expect((again.body as Envelope<{ id: string }>).data).toEqual((first.body as Envelope<{ id: string }>).data);
    expect(await rows(id)).toEqual({ results: 1, audits: 1 });
    const after = await admin.get(`/api/admin/commands/${id}`);
    expect((after.body as Envelope<{ status: string; completedAt: string }>).data).toMatchObject({
      status: 'SUCCEEDED',
      completedAt: (before.body as Envelope<{ completedAt: string }>).data.completedAt,
    });
  });

  it('keeps 409 COMMAND_ALREADY_COMPLETED for a different result after the terminal state', async () => {
    const a = await seedAgentWithService(t.app);
    const id = await running(a);
    expect((await report(t.server, a.agentId, a.token, id, { success: true, message: 'one' })).status).toBe(200);
    for (const other of [
      { success: false, message: 'one' },
      { success: true, message: 'two' },
      { success: true, message: 'one', data: { x: 1 } },
    ]) {
      const res = await report(t.server, a.agentId, a.token, id, other);
      expect(res.status).toBe(409);
      expect((res.body as Envelope<unknown>).error?.code).toBe('COMMAND_ALREADY_COMPLETED');
    }
  });

  it('answers 200 to every one of 10 identical racing results and stores one', async () => {
    const a = await seedAgentWithService(t.app);
    const id = await running(a);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => report(t.server, a.agentId, a.token, id, { success: true, message: 'same' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(await rows(id)).toEqual({ results: 1, audits: 1 });
  });

  it('keeps 409 for a cancelled command (it has no accepted result to repeat)', async () => {
    const a = await seedAgentWithService(t.app);
    const id = await running(a);
    expect((await admin.post(`/api/admin/commands/${id}/cancel`)).status).toBe(200);
    const late = await report(t.server, a.agentId, a.token, id, { success: true });
    expect(late.status).toBe(409);
    expect((late.body as Envelope<unknown>).error?.code).toBe('COMMAND_ALREADY_COMPLETED');
  });
});
