import type { MigrationInterface } from 'typeorm';
import { Init1764300000000 } from './1764300000000-Init';
import { ListIndexes1764350000000 } from './1764350000000-ListIndexes';
import { SecurityHardening1764360000000 } from './1764360000000-SecurityHardening';
import { ActionRemovedAt1764370000000 } from './1764370000000-ActionRemovedAt';
import { ActionHasPrepareNullable1764390000000 } from './1764390000000-ActionHasPrepareNullable';

/** The ordered list of core migrations. New migrations are appended, never reordered. */
export const CORE_MIGRATIONS: (new () => MigrationInterface)[] = [
  Init1764300000000,
  ListIndexes1764350000000,
  SecurityHardening1764360000000,
  ActionRemovedAt1764370000000,
  ActionHasPrepareNullable1764390000000,
];
