import { DefaultNamingStrategy, getMetadataArgsStorage } from 'typeorm';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../migrations';
import { CORE_ENTITIES } from './entities';

/** Tables the core owns besides its entities' (TypeORM's bookkeeping). */
const CORE_INTERNAL_TABLES = ['migrations', 'typeorm_metadata', 'sqlite_sequence'];

/**
 * The table an `@Entity()` class maps to, as TypeORM will name it; `undefined` when the class
 * is not decorated with `@Entity`. Lets the extension registry check names before the
 * DataSource exists.
 */
export function entityTableName(entity: abstract new (...args: never[]) => object): string | undefined {
  const args = getMetadataArgsStorage().tables.find((t) => t.target === entity);
  if (!args) return undefined;
  return new DefaultNamingStrategy().tableName(entity.name, args.name);
}

/** Explicit `@Index('name')` names declared on an entity class. */
export function entityIndexNames(entity: abstract new (...args: never[]) => object): string[] {
  return getMetadataArgsStorage()
    .indices.filter((i) => i.target === entity)
    .map((i) => i.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/** Every table name and entity class name the core schema uses. */
export function coreSchemaNames(): { tables: Set<string>; entityNames: Set<string>; migrationNames: Set<string> } {
  const tables = new Set(CORE_INTERNAL_TABLES);
  for (const entity of CORE_ENTITIES) {
    const table = entityTableName(entity);
    if (table) tables.add(table);
  }
  return {
    tables,
    entityNames: new Set(CORE_ENTITIES.map((e) => e.name)),
    // An extension's migration must not take a core name on either database.
    migrationNames: new Set([...SQLITE_MIGRATIONS, ...POSTGRES_MIGRATIONS].map((m) => migrationName(m))),
  };
}

/** TypeORM's migration name: an instance `name` property, else the class name. */
export function migrationName(migration: new () => { name?: string }): string {
  return new migration().name ?? migration.name;
}

/**
 * No extension migration may run before the core schema exists, on either database: the later of
 * the two dialects' first core migrations (PostgreSQL's history starts with the whole schema at
 * PostgresInit1764390000000, SQLite's at Init1764300000000).
 */
export function firstCoreMigrationTimestamp(): number {
  const first = (list: readonly (new () => { name?: string })[]): number =>
    Math.min(...list.map((m) => migrationTimestamp(migrationName(m)) ?? Number.POSITIVE_INFINITY));
  return Math.max(first(SQLITE_MIGRATIONS), first(POSTGRES_MIGRATIONS));
}

/** The 13-digit epoch-ms suffix TypeORM requires on migration names (it orders by it). */
export function migrationTimestamp(name: string): number | undefined {
  const match = /(\d{13})$/.exec(name);
  return match?.[1] ? Number(match[1]) : undefined;
}
