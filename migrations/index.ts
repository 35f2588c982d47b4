import type { MigrationInterface } from 'typeorm';
import { Init1764300000000 } from './sqlite/1764300000000-Init';
import { ListIndexes1764350000000 } from './sqlite/1764350000000-ListIndexes';
import { SecurityHardening1764360000000 } from './sqlite/1764360000000-SecurityHardening';
import { ActionRemovedAt1764370000000 } from './sqlite/1764370000000-ActionRemovedAt';
import { ActionHasPrepareNullable1764390000000 } from './sqlite/1764390000000-ActionHasPrepareNullable';
import { ScaleOutClaims1764410000000 } from './sqlite/1764410000000-ScaleOutClaims';
import { ApiTokens1764510000000 } from './sqlite/1764510000000-ApiTokens';
import { Notifications1764620000000 } from './sqlite/1764620000000-Notifications';
import { Schedules1764630000000 } from './sqlite/1764630000000-Schedules';
import { PostgresInit1764390000000 } from './postgres/1764390000000-PostgresInit';
import { ScaleOutClaims1764410000000 as PostgresScaleOutClaims1764410000000 } from './postgres/1764410000000-ScaleOutClaims';
import { ApiTokens1764510000000 as PostgresApiTokens1764510000000 } from './postgres/1764510000000-ApiTokens';
import { Notifications1764620000000 as PostgresNotifications1764620000000 } from './postgres/1764620000000-Notifications';
import { Schedules1764630000000 as PostgresSchedules1764630000000 } from './postgres/1764630000000-Schedules';

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
  ScaleOutClaims1764410000000,
  ApiTokens1764510000000,
  Notifications1764620000000,
  Schedules1764630000000,
];

/**
 * PostgreSQL's own history; see the note above. It starts with the whole schema of the SQLite
 * history up to ActionHasPrepareNullable, in one migration with that migration's timestamp.
 */
export const POSTGRES_MIGRATIONS: MigrationClass[] = [
  PostgresInit1764390000000,
  PostgresScaleOutClaims1764410000000,
  PostgresApiTokens1764510000000,
  PostgresNotifications1764620000000,
  PostgresSchedules1764630000000,
];

/** The database kinds Opstage runs on: the embedded SQLite file, or a shared PostgreSQL for replicas. */
export type DatabaseKind = 'sqlite' | 'postgres';

export function coreMigrations(kind: DatabaseKind): MigrationClass[] {
  return kind === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}
