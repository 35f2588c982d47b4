import { Client, Pool } from 'pg';
import { ClusterBus } from '../../src/cluster/cluster-bus';
import { createClusterBus, listenerApplicationName } from '../../src/cluster/cluster.module';
import { PostgresClusterBus } from '../../src/cluster/postgres-cluster-bus';
import { CryptoRandomSource } from '../../src/common/crypto/random-source';
import { SystemClock } from '../../src/common/time/clock';
import type { AppConfig } from '../../src/config/app-config';
import type { TransactionRunner } from '../../src/database/transaction-runner';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/postgres/test-database';
import { sleep, waitFor } from '../support/wait';

/**
 * The PostgreSQL cluster bus on a real server: two replicas' buses on one database deliver to each
 * other once, and a bus whose LISTEN backend is terminated reconnects by itself and runs its
 * re-check hooks (refresh, then wake), after which messages flow again.
 */
describe('PostgreSQL cluster bus (LISTEN/NOTIFY)', () => {
  let database: string;
  let pool: Pool;
  const buses: PostgresClusterBus[] = [];

  function replica(replicaId: string): PostgresClusterBus {
    const config = { databaseKind: 'postgres', databaseUrl: databaseUrl(database), replicaId } as AppConfig;
    // The pool side of TransactionRunner: the bus publishes through `manager.query`.
    const tx = { manager: { query: (sql: string, params: unknown[]) => pool.query(sql, params) } };
    const bus = createClusterBus(
      config,
      tx as unknown as TransactionRunner,
      new CryptoRandomSource(),
      new SystemClock(),
    );
    if (!(bus instanceof PostgresClusterBus)) throw new Error('expected the PostgreSQL bus');
    buses.push(bus);
    return bus;
  }

  async function terminateListener(replicaId: string): Promise<void> {
    const admin = new Client({ connectionString: databaseUrl(database) });
    await admin.connect();
    try {
      const res = await admin.query(
        'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database, listenerApplicationName(replicaId)],
      );
      expect(res.rows).toEqual([{ done: true }]);
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: databaseUrl(database), max: 2 });
  });

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.stop()));
    await pool.end();
    await dropTestDatabase(database);
  });

  it('delivers a message to every other replica exactly once, and locally at once', async () => {
    const a = replica('bus-a');
    const b = replica('bus-b');
    const c = replica('bus-c');
    await Promise.all([a.start(), b.start(), c.start()]);
    const seen: Record<string, string[]> = { a: [], b: [], c: [] };
    const listen = (bus: ClusterBus, key: string): void => {
      bus.subscribe('agent.wake', ({ agentId }, meta) =>
        seen[key]!.push(`${agentId}:${meta.local ? 'local' : 'remote'}`),
      );
    };
    listen(a, 'a');
    listen(b, 'b');
    listen(c, 'c');
    a.publish('agent.wake', { agentId: 'agt_1' });
    expect(seen.a).toEqual(['agt_1:local']);
    b.publish('agent.wake', { agentId: 'agt_2' });
    await waitFor(() => seen.a!.length === 2 && seen.b!.length === 2 && seen.c!.length === 2, 2000, 'delivery');
    // Nothing arrives twice (an echo of one's own message would).
    await Promise.all([a.drain(), b.drain()]);
    await sleep(100);
    // Two replicas' messages reach a third in their commits' order, whichever that was.
    expect({ ...seen, c: [...seen.c!].sort() }).toEqual({
      a: ['agt_1:local', 'agt_2:remote'],
      b: ['agt_2:local', 'agt_1:remote'],
      c: ['agt_1:remote', 'agt_2:remote'],
    });
    expect(a.state()).toMatchObject({ kind: 'postgres', status: 'connected', reconnects: 0, publishFailures: 0 });
  });

  it('reconnects after its LISTEN backend is terminated, re-checks, and receives again', async () => {
    const a = replica('bus-d');
    const b = replica('bus-e');
    await Promise.all([a.start(), b.start()]);
    const hooks: string[] = [];
    b.onReconnect('refresh', async () => {
      await sleep(20);
      hooks.push('refresh');
    });
    b.onReconnect('wake', () => void hooks.push('wake'));
    const received: string[] = [];
    b.subscribe('command.settled', ({ commandId }) => received.push(commandId));

    await terminateListener('bus-e');
    await waitFor(() => b.state().reconnects === 1, 5000, 'reconnected');
    expect(b.state()).toMatchObject({ status: 'connected', lastErrorCode: '57P01' });
    await waitFor(() => hooks.length === 2, 2000, 're-check hooks');
    expect(hooks).toEqual(['refresh', 'wake']);

    a.publish('command.settled', { commandId: 'cmd_after' });
    await waitFor(() => received.includes('cmd_after'), 2000, 'delivery after the reconnect');
  });
});
