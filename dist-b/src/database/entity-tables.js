"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.entityTableName = entityTableName;
exports.entityIndexNames = entityIndexNames;
exports.coreSchemaNames = coreSchemaNames;
exports.migrationName = migrationName;
exports.firstCoreMigrationTimestamp = firstCoreMigrationTimestamp;
exports.migrationTimestamp = migrationTimestamp;
const typeorm_1 = require("typeorm");
const migrations_1 = require("../../migrations");
const entities_1 = require("./entities");
/** Tables the core owns besides its entities' (TypeORM's bookkeeping). */
const CORE_INTERNAL_TABLES = ['migrations', 'typeorm_metadata', 'sqlite_sequence'];
/**
 * The table an `@Entity()` class maps to, as TypeORM will name it; `undefined` when the class
 * is not decorated with `@Entity`. Lets the extension registry check names before the
 * DataSource exists.
 */
function entityTableName(entity) {
    const args = (0, typeorm_1.getMetadataArgsStorage)().tables.find((t) => t.target === entity);
    if (!args)
        return undefined;
    return new typeorm_1.DefaultNamingStrategy().tableName(entity.name, args.name);
}
/** Explicit `@Index('name')` names declared on an entity class. */
function entityIndexNames(entity) {
    return (0, typeorm_1.getMetadataArgsStorage)()
        .indices.filter((i) => i.target === entity)
        .map((i) => i.name)
        .filter((n) => typeof n === 'string' && n.length > 0);
}
/** Every table name and entity class name the core schema uses. */
function coreSchemaNames() {
    const tables = new Set(CORE_INTERNAL_TABLES);
    for (const entity of entities_1.CORE_ENTITIES) {
        const table = entityTableName(entity);
        if (table)
            tables.add(table);
    }
    return {
        tables,
        entityNames: new Set(entities_1.CORE_ENTITIES.map((e) => e.name)),
        migrationNames: new Set(migrations_1.CORE_MIGRATIONS.map((m) => migrationName(m))),
    };
}
/** TypeORM's migration name: an instance `name` property, else the class name. */
function migrationName(migration) {
    return new migration().name ?? migration.name;
}
/** The oldest core migration's timestamp: no extension migration may run before the core schema exists. */
function firstCoreMigrationTimestamp() {
    return Math.min(...migrations_1.CORE_MIGRATIONS.map((m) => migrationTimestamp(migrationName(m)) ?? Number.POSITIVE_INFINITY));
}
/** The 13-digit epoch-ms suffix TypeORM requires on migration names (it orders by it). */
function migrationTimestamp(name) {
    const match = /(\d{13})$/.exec(name);
    return match?.[1] ? Number(match[1]) : undefined;
}
//# sourceMappingURL=entity-tables.js.map