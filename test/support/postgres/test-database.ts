import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../../migrations';
import { postgresDataSourceOptions } from '../../../src/database/data-source-options';
import { migrate } from '../../../src/database/migrate';

declare global {
  /** Set by the e2e-pg jest project (jest.config.js `globals`): this test file runs on PostgreSQL. */
  var OPSTAGE_TEST_DIALECT: string | undefined;
}

/** True in the e2e-pg project: test apps get a fresh PostgreSQL database instead of a SQLite file. */
export function testsUsePostgres(): boolean {
  return globalThis.OPSTAGE_TEST_DIALECT === 'postgres';
}

/** The server's maintenance URL (database `postgres`), from test/support/postgres/global-setup.mjs. */
export function adminUrl(): string {
  const url = process.env.OPSTAGE_TEST_PG_URL;
  if (!url) throw new Error('e2e-pg: OPSTAGE_TEST_PG_URL is not set (the project globalSetup did not run)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Migrating takes longer than copying, so the core schema is migrated once per run into a template
 * database and every test database is a copy of it. The name carries the migration list, so a server
 * given by OPSTAGE_TEST_DATABASE_URL never serves a template of an older schema.
 */
const TEMPLATE = `opstage_tpl_${POSTGRES_MIGRATIONS.length}_${POSTGRES_MIGRATIONS.map((m) => m.name.replace(/\D/g, '').slice(-4)).join('')}`;
/** Parallel jest workers build the template once: the first takes this lock, the others wait. */
const TEMPLATE_LOCK_KEY = 0x6f70_7470;

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(client: Client): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (found.rowCount !== 0) return;
    const building = `${TEMPLATE}_building`;
    await client.query(`DROP DATABASE IF EXISTS "${building}"`);
    await client.query(`CREATE DATABASE "${building}"`);
    const dataSource = await new DataSource(
      postgresDataSourceOptions({ url: databaseUrl(building), poolSize: 2, replicaId: 'e2e-pg-template' }),
    ).initialize();
    try {
      await migrate(dataSource);
    } finally {
      await dataSource.destroy();
    }
    // Renamed only once complete, so a crash half-way never leaves a broken template behind.
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${TEMPLATE}"`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  }
}

/** A new database with the core schema migrated; returns its name. */
export async function createTestDatabase(): Promise<string> {
  const name = `opstage_t_${process.pid}_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (client) => {
    await ensureTemplate(client);
    await createFromTemplate(client, name);
  });
  return name;
}

async function createFromTemplate(client: Client, name: string): Promise<void> {
  // Another worker copying the template at the same moment makes PostgreSQL refuse with
  // "source database is being accessed by other users"; a short retry gets through.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`);
      return;
    } catch (error) {
      if (attempt >= 20 || !String((error as Error).message).includes('being accessed')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 25));
    }
  }
}

/** Drops a test database, closing whatever connections a test left open to it. */
export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
