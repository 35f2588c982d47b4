import { DefaultNamingStrategy, getMetadataArgsStorage } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../migrations';
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
    migrationNames: new Set(SQLITE_MIGRATIONS.map((m) => migrationName(m))),
  };
}

/** TypeORM's migration name: an instance `name` property, else the class name. */
export function migrationName(migration: new () => { name?: string }): string {
  return new migration().name ?? migration.name;
}

/** The oldest core migration's timestamp: no extension migration may run before the core schema exists. */
export function firstCoreMigrationTimestamp(): number {
  return Math.min(...SQLITE_MIGRATIONS.map((m) => migrationTimestamp(migrationName(m)) ?? Number.POSITIVE_INFINITY));
}

/** The 13-digit epoch-ms suffix TypeORM requires on migration names (it orders by it). */
export function migrationTimestamp(name: string): number | undefined {
  const match = /(\d{13})$/.exec(name);
  return match?.[1] ? Number(match[1]) : undefined;
}
