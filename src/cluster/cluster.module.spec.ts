import type { RandomSource } from '../common/crypto/random-source';
import { FixedClock } from '../common/time/clock';
import type { AppConfig } from '../config/app-config';
import type { TransactionRunner } from '../database/transaction-runner';
import { InProcessClusterBus } from './cluster-bus';
import { createClusterBus, listenerApplicationName } from './cluster.module';
import { PostgresClusterBus } from './postgres-cluster-bus';

const random: RandomSource = { bytes: (n) => Buffer.alloc(n, 1) };
const tx = {} as TransactionRunner;

describe('createClusterBus', () => {
  it('is in-process on SQLite and LISTEN/NOTIFY on PostgreSQL', () => {
    const sqlite = { databaseKind: 'sqlite', databaseUrl: undefined, replicaId: 'r1' } as AppConfig;
    expect(createClusterBus(sqlite, tx, random, new FixedClock())).toBeInstanceOf(InProcessClusterBus);
    const pg = {
      databaseKind: 'postgres',
      databaseUrl: 'postgres://u:secret@db:5432/opstage',
      replicaId: 'r1',
    } as AppConfig;
    const bus = createClusterBus(pg, tx, random, new FixedClock());
    expect(bus).toBeInstanceOf(PostgresClusterBus);
    // Its state is safe to show: nothing of the URL in it.
    expect(JSON.stringify(bus.state())).not.toContain('secret');
    expect(bus.state()).toMatchObject({ kind: 'postgres', status: 'connecting', reconnects: 0 });
  });

  it('names the listener after its replica, first, so truncation never hides which one it is', () => {
    expect(listenerApplicationName('web-7f9c-12')).toBe('listen web-7f9c-12');
  });
});
