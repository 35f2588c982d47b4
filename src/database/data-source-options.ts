import { dirname } from 'node:path';
import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { CORE_MIGRATIONS } from '../../migrations';
import { CORE_ENTITIES } from './entities';
import { ensurePrivateDatabase, ensurePrivateDir } from './private-files';

type EntityClass = abstract new (...args: never[]) => object;
type MigrationClass = new () => MigrationInterface;

export interface DataSourceInput {
  databasePath: string;
  extraEntities?: readonly EntityClass[];
  extraMigrations?: readonly MigrationClass[];
}

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
    migrations: [...CORE_MIGRATIONS, ...(input.extraMigrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
    logging: false,
  };
}
