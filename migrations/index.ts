import type { MigrationInterface } from 'typeorm';
import { Init1764300000000 } from './sqlite/1764300000000-Init';
import { ListIndexes1764350000000 } from './sqlite/1764350000000-ListIndexes';
import { SecurityHardening1764360000000 } from './sqlite/1764360000000-SecurityHardening';
import { ActionRemovedAt1764370000000 } from './sqlite/1764370000000-ActionRemovedAt';
import { ActionHasPrepareNullable1764390000000 } from './sqlite/1764390000000-ActionHasPrepareNullable';
import { ApiTokens1764510000000 } from './sqlite/1764510000000-ApiTokens';
import { ApiTokens1764510000000 as PgApiTokens1764510000000 } from './postgres/1764510000000-ApiTokens';

type MigrationClass = new () => MigrationInterface;

/**
 * The ordered core migrations of each dialect. New migrations are appended,
 * never reordered; a schema change ships one migration per dialect with the same timestamp and name.
 */
export const SQLITE_MIGRATIONS: MigrationClass[] = [
  Init1764300000000,
  ListIndexes1764350000000,
  SecurityHardening1764360000000,
  ActionRemovedAt1764370000000,
  ActionHasPrepareNullable1764390000000,
  ApiTokens1764510000000,
];

/** PostgreSQL's own history; see the note above. */
export const POSTGRES_MIGRATIONS: MigrationClass[] = [PgApiTokens1764510000000];

/** The database kinds Opstage runs on: the embedded SQLite file, or a shared PostgreSQL for replicas. */
export type DatabaseKind = 'sqlite' | 'postgres';

export function coreMigrations(kind: DatabaseKind): MigrationClass[] {
  return kind === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}
