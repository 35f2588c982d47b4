import type { DataSource } from 'typeorm';

export class UnknownMigrationsError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `Database schema is newer than this Opstage CE build: it has migrations this version does not know (${unknown.join(', ')}). ` +
        'Run the Opstage version that created it, or restore a backup taken with this version.',
    );
    this.name = 'UnknownMigrationsError';
  }
}

/** Refuses a database migrated by a newer build, then applies pending migrations in order. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
  const runner = dataSource.createQueryRunner();
  const hasTable = await runner.hasTable('migrations').finally(() => runner.release());
  if (hasTable) {
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
    const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) throw new UnknownMigrationsError(unknown);
  }
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}
