import { dirname } from 'node:path';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../migrations';
import { CORE_ENTITIES } from './entities';
import { ensurePrivateDatabase, ensurePrivateDir } from './private-files';

type EntityClass = abstract new (...args: never[]) => object;
type MigrationClass = new () => MigrationInterface;

export interface DataSourceInput {
  databasePath: string;
  extraEntities?: readonly EntityClass[];
  extraMigrations?: readonly MigrationClass[];
  /** SQLite only: cap of the database file (`PRAGMA max_page_count`). */
  maxSizeBytes?: number;
}

export interface PostgresDataSourceInput {
  /** `postgres://…` or `postgresql://…`; it carries credentials, so it is never logged. */
  url: string;
  /** Connections of this replica's pool. */
  poolSize: number;
  /** Shown as `application_name` in `pg_stat_activity`, so an operator can tell replicas apart. */
  replicaId: string;
  extraEntities?: readonly EntityClass[];
  extraMigrations?: readonly MigrationClass[];
}

/**
 * How long a request waits for a pooled connection, the wait for a free one and a new connect
 * together (pg's `connectionTimeoutMillis`): a dead database fails requests instead of hanging
 * them, while a burst larger than the pool still queues.
 */
const ACQUIRE_TIMEOUT_MS = 10_000;
/** No request needs a statement longer than this; large deletes run in batches (src/database/batches.ts). */
const STATEMENT_TIMEOUT_MS = 30_000;

/** One options builder for the app, the tests and the TypeORM CLI (`src/database/data-source.ts`). */
export function dataSourceOptions(input: DataSourceInput): DataSourceOptions {
  if (input.databasePath !== ':memory:') {
    ensurePrivateDir(dirname(input.databasePath));
    ensurePrivateDatabase(input.databasePath);
  }
  return {
    type: 'better-sqlite3',
    database: input.databasePath,
    entities: [...CORE_ENTITIES, ...(input.extraEntities ?? [])],
    migrations: [...SQLITE_MIGRATIONS, ...(input.extraMigrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (db: { pragma: (sql: string, options?: { simple: boolean }) => unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      if (input.maxSizeBytes !== undefined) {
        const pageSize = Number(db.pragma('page_size', { simple: true }));
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(input.maxSizeBytes / pageSize))}`);
      }
    },
    logging: false,
  };
}

/** The PostgreSQL variant: the same entities, PostgreSQL's own migration history, a bounded pool. */
export function postgresDataSourceOptions(input: PostgresDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: [...CORE_ENTITIES, ...(input.extraEntities ?? [])],
    migrations: [...POSTGRES_MIGRATIONS, ...(input.extraMigrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: input.replicaId,
    extra: {
      max: input.poolSize,
      connectionTimeoutMillis: ACQUIRE_TIMEOUT_MS,
      // Idle connections go back after a while, so a quiet replica does not hold its whole pool.
      idleTimeoutMillis: 30_000,
      // Bounded statements: a stuck database answers 503 DATABASE_UNAVAILABLE instead of holding requests
      // (docs/scaling.md, "Failure modes"): the server cancels a statement (57014), and TCP keep-alive lets a
      // connection to a vanished peer fail. Migrations lift the bound for their own session.
      statement_timeout: STATEMENT_TIMEOUT_MS,
      keepAlive: true,
    },
    logging: false,
  };
}
