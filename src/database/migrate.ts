import { type DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';

export class UnknownMigrationsError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `Database schema is newer than this Opstage CE build: it has migrations this version does not know (${unknown.join(', ')}). ` +
        'Run the Opstage version that created it, or restore a backup taken with this version.',
    );
    this.name = 'UnknownMigrationsError';
  }
}

/**
 * The PostgreSQL advisory lock key that serialises migrations between replicas starting at once
 * ("opstage migrations" folded into 32 bits; any constant works as long as every replica uses it).
 */
export const MIGRATION_LOCK_KEY = 0x6f70_6d67;

/**
 * Refuses a database migrated by a newer build, then applies pending migrations in order. On
 * PostgreSQL the whole step holds a session advisory lock on one connection, which also runs the
 * migrations: replicas that start together queue on the lock, and each one after the first finds
 * nothing left to do.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const postgres = dataSource.options.type === 'postgres';
  try {
    // Waiting for another replica's migration, or a long one, may take longer than the pool's statement bound.
    if (postgres) await runner.query('SET statement_timeout = 0');
    if (postgres) await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await migrateOn(dataSource, runner);
    } finally {
      if (postgres) await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      if (postgres) await runner.query('RESET statement_timeout');
    }
  } finally {
    await runner.release();
  }
}

async function migrateOn(dataSource: DataSource, runner: QueryRunner): Promise<string[]> {
  const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
  if (await runner.hasTable('migrations')) {
    const rows = (await runner.query('SELECT name FROM migrations')) as { name: string }[];
    const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) throw new UnknownMigrationsError(unknown);
  }
  const executor = new MigrationExecutor(dataSource, runner);
  executor.transaction = 'each';
  const ran = await executor.executePendingMigrations();
  return ran.map((m) => m.name);
}
