import type { MigrationInterface } from 'typeorm';

/** A TypeORM entity class (`@Entity()`), as the data source accepts it. */
export type ExtensionEntity = abstract new (...args: never[]) => object;
/** A hand-written TypeORM migration class (`<epoch-ms>` at the end of its name). */
export type ExtensionMigration = new () => MigrationInterface;

/** What `@OpstageExtension` adds to an ordinary Nest module (docs/extensions.md, "Writing an extension"). */
export interface OpstageExtensionMetadata {
  /** kebab-case, unique; names the tables (`ext_<name>_…`), the routes (`/api/ext/<name>`) and errors. */
  name: string;
  /** The extension's own semver version, shown in the boot log. */
  version: string;
  /** semver range of Opstage versions this extension works with, checked at boot (e.g. `>=0.5.0 <1.0.0`). */
  compatibility: string;
  /** TypeORM entities; every table must be named `ext_<name with - as _>_…`. */
  entities?: ExtensionEntity[];
  /** Migrations creating those tables; run after the core's, in timestamp order. */
  migrations?: ExtensionMigration[];
  /** Mount point of the module's controllers under `/api/`; default `ext/<name>`. */
  routePrefix?: string;
}

export const OPSTAGE_EXTENSION_METADATA = 'opstage:extension';

/** The metadata of an extension module class, or undefined for any other class. */
export function extensionMetadataOf(target: unknown): OpstageExtensionMetadata | undefined {
  if (typeof target !== 'function') return undefined;
  return Reflect.getMetadata(OPSTAGE_EXTENSION_METADATA, target) as OpstageExtensionMetadata | undefined;
}
