import { existsSync, statSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './support/create-test-app';
import { waitFor } from './support/wait';

// Bursts, real sockets and a loaded 2-core CI machine: jest's 5 s default is too tight here
// (npm test's run of every project applied the 5 s default, not the e2e project's testTimeout).
jest.setTimeout(60_000);

/**
 * Unauthenticated traffic cannot grow the database without bound (docs/security.md): 1,500
 * requests with bad agent tokens (long attacker-chosen paths) and bogus registration tokens
 * leave a handful of sampled audit rows with the route pattern, count the rest in Prometheus,
 * and the database plus its WAL stay at their size.
 */
describe('security: rejection flood', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { OPSTAGE_METRICS_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('1,500 bad-token and bogus-registration requests write a few sampled audit rows and count the rest', async () => {
    const size = (p: string): number => (existsSync(p) ? statSync(p).size : 0);
    const dbBytes = (): number => size(t.config.databasePath) + size(`${t.config.databasePath}-wal`);
    // The baseline is the settled database: boot (migrations, owner bootstrap) leaves pages in the WAL that the
    // checkpointer copies into the main file later, which would count as growth from the flood.
    if (t.database === undefined) await t.app.get(DataSource).query('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = dbBytes();
    const junk = 'x'.repeat(7000);
    const requests: (() => request.Test)[] = [];
    for (let i = 0; i < 1000; i += 1) {
      requests.push(() =>
        request(t.server)
          .post(`/api/agents/agt_${junk}${i}/heartbeat`)
          .set('Authorization', `Bearer opstage_agent_bogus${i}`)
          .send({}),
      );
    }
    for (let i = 0; i < 500; i += 1) {
      requests.push(() =>
        request(t.server)
          .post('/api/agents/register')
          .send({
            registrationToken: `opstage_reg_bogus${i}`,
            agent: { code: `flood-${i}`, name: 'x', mode: 'embedded', runtime: 'nodejs' },
          }),
      );
    }
    for (let i = 0; i < requests.length; i += 50) {
      const statuses = (await Promise.all(requests.slice(i, i + 50).map((r) => r()))).map((res) => res.status);
      expect(statuses.every((s) => s === 401)).toBe(true);
    }
    const rows = await t.app
      .get(DataSource)
      .query<
        { action: string; targetId: string | null; metadataJson: string }[]
      >(`SELECT action, "targetId", "metadataJson" FROM audit_events WHERE result = 'FAILURE'`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(4);
    for (const row of rows) {
      expect(row.targetId ?? '').not.toContain('xxxx');
      expect(row.metadataJson).not.toContain('xxxx');
      expect(JSON.parse(row.metadataJson).route).toMatch(/^\/api\/agents\/(register|:agentId\/heartbeat)$/);
    }
    const metrics = await request(t.server).get('/metrics');
    const dropped = [
      ...metrics.text.matchAll(/^opstage_audit_rejections_dropped_total\{reason="(\w+)",replica="[^"]+"\} (\d+)$/gm),
    ].reduce((n, m) => n + Number(m[2]), 0);
    expect(dropped + rows.length).toBe(1500);
    // What little was written is checkpointed; database plus log stay within a few hundred KB.
    const grown = await waitFor(
      () => (dbBytes() - before < 512 * 1024 ? dbBytes() - before : false),
      10_000,
      'database and WAL back to size',
    );
    expect(grown).toBeLessThan(512 * 1024);
  });
});
