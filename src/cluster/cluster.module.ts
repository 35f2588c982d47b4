import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RandomSource } from '../common/crypto/random-source';
import { Clock } from '../common/time/clock';
import { newPgClient } from '../database/pg-client';
import { TransactionRunner } from '../database/transaction-runner';
import { ClusterBus, InProcessClusterBus } from './cluster-bus';
import { PostgresClusterBus } from './postgres-cluster-bus';

/** In order, in one statement: PostgreSQL delivers one transaction's notifications in the order sent. */
const NOTIFY_SQL = 'SELECT pg_notify($1, m) FROM unnest($2::text[]) WITH ORDINALITY AS t(m, n) ORDER BY n';

/** `application_name` of a replica's LISTEN connection (PostgreSQL keeps the first 63 bytes). */
export function listenerApplicationName(replicaId: string): string {
  return `listen ${replicaId}`;
}

export function createClusterBus(
  config: AppConfig,
  tx: TransactionRunner,
  random: RandomSource,
  clock: Clock,
): ClusterBus {
  const url = config.databaseUrl;
  if (config.databaseKind !== 'postgres' || url === undefined) return new InProcessClusterBus();
  return new PostgresClusterBus({
    // keepAlive: a silently dropped connection (a NAT or a firewall) is noticed, not waited on forever.
    // The application name tells an operator (and the tests) which replica's listener a backend is.
    createListener: () =>
      newPgClient({
        connectionString: url,
        keepAlive: true,
        application_name: listenerApplicationName(config.replicaId),
      }),
    notify: async (channel, messages) => {
      await tx.manager.query(NOTIFY_SQL, [channel, messages]);
    },
    origin: `${config.replicaId}/${random.bytes(6).toString('hex')}`,
    random,
    clock,
  });
}

/**
 * The cluster bus (docs/design/decisions.md, "Signals cross replicas"): in-process on SQLite, LISTEN/NOTIFY on
 * PostgreSQL. Global, like the database: the commands, settings and live-event modules use it.
 */
@Global()
@Module({
  providers: [
    { provide: ClusterBus, useFactory: createClusterBus, inject: [APP_CONFIG, TransactionRunner, RandomSource, Clock] },
  ],
  exports: [ClusterBus],
})
export class ClusterModule {}
