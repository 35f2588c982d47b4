"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.extensionTablePrefix = extensionTablePrefix;
exports.resolveExtensions = resolveExtensions;
const semver_1 = require("semver");
const entity_tables_1 = require("../database/entity-tables");
const extension_error_1 = require("./extension-error");
const extension_metadata_1 = require("./extension-metadata");
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PREFIX_SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** First path segments the core serves under `/api/`; an extension may not mount there. */
const RESERVED_SEGMENTS = new Set(['admin', 'agents', 'system', 'docs', 'docs-json', 'metrics', 'health', 'bus', 'auth', 'internal']);
/** `ext_<name with - as _>_`: the prefix every table of the extension must carry. */
function extensionTablePrefix(name) {
    return `ext_${name.replace(/-/g, '_')}_`;
}
/**
 * Validates every extension before Nest builds the application (architecture §3.5): names,
 * core compatibility, table and entity clashes, migration names, route prefixes. Throws an
 * `ExtensionError` naming the first extension at fault; the server then refuses to start.
 */
function resolveExtensions(input, coreVersion) {
    const core = (0, entity_tables_1.coreSchemaNames)();
    const firstCoreTimestamp = (0, entity_tables_1.firstCoreMigrationTimestamp)();
    const seen = { names: new Set(), tables: new Set(), entities: new Set(), migrations: new Set(), prefixes: [] };
    const out = { modules: [], entities: [], migrations: [], routes: [], extensions: [], warnings: [] };
    for (const entry of input) {
        const moduleClass = 'module' in entry ? entry.module : entry;
        const meta = (0, extension_metadata_1.extensionMetadataOf)(moduleClass);
        if (!meta)
            throw new extension_error_1.ExtensionError(moduleClass.name, 'the module is not decorated with @OpstageExtension({ name, version, compatibility }).');
        const name = checkName(meta, seen.names);
        checkCompatibility(meta, coreVersion, out.warnings);
        const tables = [];
        for (const entity of meta.entities ?? [])
            tables.push(checkEntity(name, entity, core, seen));
        const migrations = [];
        for (const migration of meta.migrations ?? [])
            migrations.push(checkMigration(name, migration, core.migrationNames, seen.migrations, firstCoreTimestamp));
        const prefix = checkRoutePrefix(name, meta.routePrefix ?? `ext/${name}`, seen.prefixes);
        out.modules.push(entry);
        out.entities.push(...(meta.entities ?? []));
        out.migrations.push(...(meta.migrations ?? []));
        out.routes.push({ path: `api/${prefix}`, module: moduleClass });
        out.extensions.push({ name, version: meta.version, compatibility: meta.compatibility, basePath: `/api/${prefix}`, tables, migrations });
    }
    return out;
}
function checkName(meta, names) {
    const name = typeof meta.name === 'string' ? meta.name : String(meta.name);
    if (!KEBAB.test(name) || name.length > 40)
        throw new extension_error_1.ExtensionError(name, 'name must be kebab-case (a-z, 0-9, single dashes), at most 40 characters.');
    if (names.has(name))
        throw new extension_error_1.ExtensionError(name, 'registered twice: extension names must be unique.');
    names.add(name);
    if (typeof meta.version !== 'string' || !(0, semver_1.valid)(meta.version))
        throw new extension_error_1.ExtensionError(name, `version "${String(meta.version)}" is not a semver version.`);
    return name;
}
/**
 * Released builds are checked as their release (`0.6.0-rc.1` counts as `0.6.0`). An unversioned
 * development build (`0.0.0-dev`, `0.0.0-test`) cannot be placed in any range, so it accepts
 * every extension with a warning.
 */
function checkCompatibility(meta, coreVersion, warnings) {
    const range = typeof meta.compatibility === 'string' ? (0, semver_1.validRange)(meta.compatibility) : null;
    if (!range)
        throw new extension_error_1.ExtensionError(meta.name, `compatibility "${String(meta.compatibility)}" is not a semver range.`);
    const release = (0, semver_1.coerce)(coreVersion);
    if (!release)
        throw new extension_error_1.ExtensionError(meta.name, `cannot check compatibility: core version "${coreVersion}" is not semver.`);
    if (release.version === '0.0.0') {
        warnings.push(`extension "${meta.name}": compatibility "${meta.compatibility}" not checked on development build ${coreVersion}`);
        return;
    }
    if (!(0, semver_1.satisfies)(release, range)) {
        throw new extension_error_1.ExtensionError(meta.name, `requires Opstage ${meta.compatibility}, but this is Opstage ${coreVersion}. Install a version of the extension built for it.`);
    }
}
function checkEntity(name, entity, core, seen) {
    const table = typeof entity === 'function' ? (0, entity_tables_1.entityTableName)(entity) : undefined;
    if (!table)
        throw new extension_error_1.ExtensionError(name, `entity ${describe(entity)} is not a TypeORM @Entity() class.`);
    if (core.tables.has(table))
        throw new extension_error_1.ExtensionError(name, `entity ${entity.name} maps to table "${table}", which belongs to the Opstage core.`);
    if (core.entityNames.has(entity.name))
        throw new extension_error_1.ExtensionError(name, `entity class name ${entity.name} clashes with a core entity; rename the class.`);
    const prefix = extensionTablePrefix(name);
    if (!table.startsWith(prefix) || table.length === prefix.length) {
        throw new extension_error_1.ExtensionError(name, `entity ${entity.name} maps to table "${table}"; extension tables must be named "${prefix}<table>".`);
    }
    if (seen.tables.has(table))
        throw new extension_error_1.ExtensionError(name, `table "${table}" is already declared by another extension.`);
    if (seen.entities.has(entity.name))
        throw new extension_error_1.ExtensionError(name, `entity class name ${entity.name} is already used by another extension.`);
    for (const index of (0, entity_tables_1.entityIndexNames)(entity)) {
        // SQLite index names are global to the database, so they need the prefix as well.
        if (!index.includes(prefix))
            throw new extension_error_1.ExtensionError(name, `index "${index}" on ${entity.name} must contain "${prefix}" (index names share one namespace).`);
    }
    seen.tables.add(table);
    seen.entities.add(entity.name);
    return table;
}
function checkMigration(name, migration, coreNames, seen, firstCoreTimestamp) {
    if (typeof migration !== 'function')
        throw new extension_error_1.ExtensionError(name, `migration ${describe(migration)} is not a migration class.`);
    const id = (0, entity_tables_1.migrationName)(migration);
    const timestamp = (0, entity_tables_1.migrationTimestamp)(id);
    if (timestamp === undefined)
        throw new extension_error_1.ExtensionError(name, `migration ${id} must end with a 13-digit epoch-ms timestamp (e.g. CreateItems1765000000000).`);
    if (timestamp < firstCoreTimestamp)
        throw new extension_error_1.ExtensionError(name, `migration ${id} is dated before the core schema (${firstCoreTimestamp}); use the current epoch ms.`);
    if (coreNames.has(id))
        throw new extension_error_1.ExtensionError(name, `migration ${id} has the name of a core migration.`);
    if (seen.has(id))
        throw new extension_error_1.ExtensionError(name, `migration ${id} is already registered (by this or another extension).`);
    seen.add(id);
    return id;
}
function checkRoutePrefix(name, prefix, seen) {
    const segments = prefix.split('/');
    if (!segments.every((s) => PREFIX_SEGMENT.test(s)))
        throw new extension_error_1.ExtensionError(name, `routePrefix "${prefix}" must be lower-case path segments (a-z, 0-9, -) without leading or trailing "/".`);
    if (RESERVED_SEGMENTS.has(segments[0] ?? ''))
        throw new extension_error_1.ExtensionError(name, `routePrefix "${prefix}" would mount inside the core API (/api/${segments[0]}).`);
    const clash = seen.find((other) => other === prefix || other.startsWith(`${prefix}/`) || prefix.startsWith(`${other}/`));
    if (clash)
        throw new extension_error_1.ExtensionError(name, `routePrefix "${prefix}" overlaps "${clash}" of another extension.`);
    seen.push(prefix);
    return prefix;
}
function describe(value) {
    return typeof value === 'function' ? value.name || '(anonymous class)' : JSON.stringify(value) ?? String(value);
}
//# sourceMappingURL=extension-registry.js.map