import type { MigrationInterface } from 'typeorm';
import { Init1764300000000 } from './1764300000000-Init';
import { ListIndexes1764350000000 } from './1764350000000-ListIndexes';
import { ActionHasPrepareNullable1764362000000 } from './1764362000000-ActionHasPrepareNullable';

/** The ordered list of core migrations. New migrations are appended, never reordered. */
export const CORE_MIGRATIONS: (new () => MigrationInterface)[] = [Init1764300000000, ListIndexes1764350000000, ActionHasPrepareNullable1764362000000];
