import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestApp } from './create-test-app';

/**
 * A test's own SQL on the app's database, written once with `?` placeholders and quoted
 * identifiers; PostgreSQL gets the placeholders numbered. COUNT(*) arrives as a string from pg,
 * so counts go through `count()`.
 */
export async function dbQuery<T = Record<string, unknown>>(
  t: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const dataSource = t.app.get(DataSource);
  let n = 0;
  const text = dataSource.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return dataSource.query<T[]>(text, params);
}

/** `SELECT COUNT(*) AS "n" …` as a number on both dialects. */
export async function dbCount(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await dbQuery<{ n: number | string }>(t, sql, params);
  return Number(rows[0]?.n ?? -1);
}

/**
 * Everything the database holds, as text, for "never stored in plain text" checks. SQLite: the
 * database file and its WAL (what a backup copies). PostgreSQL: every row of every table, since
 * its files are not ours to read; what an operator's pg_dump would copy.
 */
export async function storedText(t: TestApp): Promise<string> {
  const dataSource = t.app.get(DataSource);
  if (dataSource.options.type !== 'postgres') {
    await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = join(t.dataDir, 'opstage.db');
    let bytes = readFileSync(file).toString('latin1');
    if (existsSync(`${file}-wal`)) bytes += readFileSync(`${file}-wal`).toString('latin1');
    return bytes;
  }
  const tables = await dataSource.query<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  let text = '';
  for (const { tablename } of tables) {
    const rows = await dataSource.query<{ row: string }[]>(
      `SELECT row_to_json(x)::text AS "row" FROM "${tablename}" x`,
    );
    text += rows.map((r) => r.row).join('\n');
  }
  return text;
}
