import type { MigrationInterface } from 'typeorm';
import { Init1764300000000 } from './1764300000000-Init';
import { ListIndexes1795816311581 } from './1795816311581-ListIndexes';

/** The ordered list of core migrations. New migrations are appended, never reordered. */
export const CORE_MIGRATIONS: (new () => MigrationInterface)[] = [Init1764300000000, ListIndexes1795816311581];
