import type { DynamicModule, Type } from '@nestjs/common';
import type { RouteTree } from '@nestjs/core';
import { coerce, satisfies, valid, validRange } from 'semver';
import {
  coreSchemaNames,
  entityIndexNames,
  entityTableName,
  firstCoreMigrationTimestamp,
  migrationName,
  migrationTimestamp,
} from '../database/entity-tables';
import { ExtensionError } from './extension-error';
import {
  extensionMetadataOf,
  type ExtensionEntity,
  type ExtensionMigration,
  type OpstageExtensionMetadata,
} from './extension-metadata';

/** An extension as registered: the decorated module class, or a dynamic module built from it (`X.forRoot(...)`). */
export type ExtensionModule = Type | DynamicModule;

export interface RegisteredExtension {
  name: string;
  version: string;
  compatibility: string;
  /** Where its controllers are served, e.g. `/api/ext/acme-inventory`. */
  basePath: string;
  tables: string[];
  migrations: string[];
}

export interface ResolvedExtensions {
  /** Modules to import into the application, in registration order. */
  modules: ExtensionModule[];
  entities: ExtensionEntity[];
  migrations: ExtensionMigration[];
  /** For `RouterModule.register`. */
  routes: RouteTree[];
  extensions: RegisteredExtension[];
  /** Non-fatal findings for the boot log. */
  warnings: string[];
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PREFIX_SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** First path segments the core serves under `/api/`; an extension may not mount there. */
const RESERVED_SEGMENTS = new Set([
  'admin',
  'agents',
  'system',
  'docs',
  'docs-json',
  'metrics',
  'health',
  'bus',
  'auth',
  'internal',
]);

/** `ext_<name with - as _>_`: the prefix every table of the extension must carry. */
export function extensionTablePrefix(name: string): string {
  return `ext_${name.replace(/-/g, '_')}_`;
}

/**
 * Validates every extension before Nest builds the application (docs/extensions.md, "What the registry checks at boot"): names,
 * core compatibility, table and entity clashes, migration names, route prefixes. Throws an
 * `ExtensionError` naming the first extension at fault; the server then refuses to start.
 */
export function resolveExtensions(input: readonly ExtensionModule[], coreVersion: string): ResolvedExtensions {
  const core = coreSchemaNames();
  const firstCoreTimestamp = firstCoreMigrationTimestamp();
  const seen = {
    names: new Set<string>(),
    tables: new Set<string>(),
    entities: new Set<string>(),
    migrations: new Set<string>(),
    prefixes: [] as string[],
  };
  const out: ResolvedExtensions = {
    modules: [],
    entities: [],
    migrations: [],
    routes: [],
    extensions: [],
    warnings: [],
  };

  for (const entry of input) {
    const moduleClass = 'module' in entry ? entry.module : entry;
    const meta = extensionMetadataOf(moduleClass);
    if (!meta)
      throw new ExtensionError(
        moduleClass.name,
        'the module is not decorated with @OpstageExtension({ name, version, compatibility }).',
      );
    const name = checkName(meta, seen.names);
    checkCompatibility(meta, coreVersion, out.warnings);

    const tables: string[] = [];
    for (const entity of meta.entities ?? []) tables.push(checkEntity(name, entity, core, seen));
    const migrations: string[] = [];
    for (const migration of meta.migrations ?? [])
      migrations.push(checkMigration(name, migration, core.migrationNames, seen.migrations, firstCoreTimestamp));

    const prefix = checkRoutePrefix(name, meta.routePrefix ?? `ext/${name}`, seen.prefixes);
    out.modules.push(entry);
    out.entities.push(...(meta.entities ?? []));
    out.migrations.push(...(meta.migrations ?? []));
    out.routes.push({ path: `api/${prefix}`, module: moduleClass });
    out.extensions.push({
      name,
      version: meta.version,
      compatibility: meta.compatibility,
      basePath: `/api/${prefix}`,
      tables,
      migrations,
    });
  }
  return out;
}

function checkName(meta: OpstageExtensionMetadata, names: Set<string>): string {
  const name = typeof meta.name === 'string' ? meta.name : String(meta.name);
  if (!KEBAB.test(name) || name.length > 40)
    throw new ExtensionError(name, 'name must be kebab-case (a-z, 0-9, single dashes), at most 40 characters.');
  if (names.has(name)) throw new ExtensionError(name, 'registered twice: extension names must be unique.');
  names.add(name);
  if (typeof meta.version !== 'string' || !valid(meta.version))
    throw new ExtensionError(name, `version "${String(meta.version)}" is not a semver version.`);
  return name;
}

/**
 * Released builds are checked as their release (`0.6.0-rc.1` counts as `0.6.0`). An unversioned
 * development build (`0.0.0-dev`, `0.0.0-test`) cannot be placed in any range, so it accepts
 * every extension with a warning.
 */
function checkCompatibility(meta: OpstageExtensionMetadata, coreVersion: string, warnings: string[]): void {
  const range = typeof meta.compatibility === 'string' ? validRange(meta.compatibility) : null;
  if (!range)
    throw new ExtensionError(meta.name, `compatibility "${String(meta.compatibility)}" is not a semver range.`);
  const release = coerce(coreVersion);
  if (!release)
    throw new ExtensionError(meta.name, `cannot check compatibility: core version "${coreVersion}" is not semver.`);
  if (release.version === '0.0.0') {
    warnings.push(
      `extension "${meta.name}": compatibility "${meta.compatibility}" not checked on development build ${coreVersion}`,
    );
    return;
  }
  if (!satisfies(release, range)) {
    throw new ExtensionError(
      meta.name,
      `requires Opstage ${meta.compatibility}, but this is Opstage ${coreVersion}. Install a version of the extension built for it.`,
    );
  }
}

function checkEntity(
  name: string,
  entity: ExtensionEntity,
  core: { tables: Set<string>; entityNames: Set<string> },
  seen: { tables: Set<string>; entities: Set<string> },
): string {
  const table = typeof entity === 'function' ? entityTableName(entity) : undefined;
  if (!table) throw new ExtensionError(name, `entity ${describe(entity)} is not a TypeORM @Entity() class.`);
  if (core.tables.has(table))
    throw new ExtensionError(
      name,
      `entity ${entity.name} maps to table "${table}", which belongs to the Opstage core.`,
    );
  if (core.entityNames.has(entity.name))
    throw new ExtensionError(name, `entity class name ${entity.name} clashes with a core entity; rename the class.`);
  const prefix = extensionTablePrefix(name);
  if (!table.startsWith(prefix) || table.length === prefix.length) {
    throw new ExtensionError(
      name,
      `entity ${entity.name} maps to table "${table}"; extension tables must be named "${prefix}<table>".`,
    );
  }
  if (seen.tables.has(table))
    throw new ExtensionError(name, `table "${table}" is already declared by another extension.`);
  if (seen.entities.has(entity.name))
    throw new ExtensionError(name, `entity class name ${entity.name} is already used by another extension.`);
  for (const index of entityIndexNames(entity)) {
    // SQLite index names are global to the database, so they need the prefix as well.
    if (!index.includes(prefix))
      throw new ExtensionError(
        name,
        `index "${index}" on ${entity.name} must contain "${prefix}" (index names share one namespace).`,
      );
  }
  seen.tables.add(table);
  seen.entities.add(entity.name);
  return table;
}

function checkMigration(
  name: string,
  migration: ExtensionMigration,
  coreNames: Set<string>,
  seen: Set<string>,
  firstCoreTimestamp: number,
): string {
  if (typeof migration !== 'function')
    throw new ExtensionError(name, `migration ${describe(migration)} is not a migration class.`);
  const id = migrationName(migration);
  const timestamp = migrationTimestamp(id);
  if (timestamp === undefined)
    throw new ExtensionError(
      name,
      `migration ${id} must end with a 13-digit epoch-ms timestamp (e.g. CreateItems1765000000000).`,
    );
  if (timestamp < firstCoreTimestamp)
    throw new ExtensionError(
      name,
      `migration ${id} is dated before the core schema (${firstCoreTimestamp}); use the current epoch ms.`,
    );
  if (coreNames.has(id)) throw new ExtensionError(name, `migration ${id} has the name of a core migration.`);
  if (seen.has(id))
    throw new ExtensionError(name, `migration ${id} is already registered (by this or another extension).`);
  seen.add(id);
  return id;
}

function checkRoutePrefix(name: string, prefix: string, seen: string[]): string {
  const segments = prefix.split('/');
  if (!segments.every((s) => PREFIX_SEGMENT.test(s)))
    throw new ExtensionError(
      name,
      `routePrefix "${prefix}" must be lower-case path segments (a-z, 0-9, -) without leading or trailing "/".`,
    );
  if (RESERVED_SEGMENTS.has(segments[0] ?? ''))
    throw new ExtensionError(name, `routePrefix "${prefix}" would mount inside the core API (/api/${segments[0]}).`);
  const clash = seen.find(
    (other) => other === prefix || other.startsWith(`${prefix}/`) || prefix.startsWith(`${other}/`),
  );
  if (clash) throw new ExtensionError(name, `routePrefix "${prefix}" overlaps "${clash}" of another extension.`);
  seen.push(prefix);
  return prefix;
}

function describe(value: unknown): string {
  return typeof value === 'function' ? value.name || '(anonymous class)' : (JSON.stringify(value) ?? String(value));
}
