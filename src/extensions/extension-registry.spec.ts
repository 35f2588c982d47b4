import { Module } from '@nestjs/common';
import { Column, Entity, Index, PrimaryColumn, type MigrationInterface } from 'typeorm';
import { ExtensionError } from './extension-error';
import { extensionTablePrefix, resolveExtensions } from './extension-registry';
import { OpstageExtension } from './opstage-extension.decorator';
import type { OpstageExtensionMetadata } from './extension-metadata';

@Entity('ext_acme_inventory_items')
class InventoryItemEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
}

@Entity('agents')
class ShadowAgentsEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
}

@Entity()
class AcmeWidget {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
}

@Entity('ext_acme_inventory_bins')
@Index('idx_bins_name', ['name'])
class BinEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'text' }) name!: string;
}

class NotAnEntity {}

class CreateItems1765000000000 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class NoTimestamp implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class Ancient1000000000000 implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class ClashesWithCore implements MigrationInterface {
  // Not dated before the core schema on either database, so only its name is wrong.
  name = 'PostgresInit1764390000000';
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}

/** A fresh decorated module class per call, so each case states only what it varies. */
function ext(meta: Partial<OpstageExtensionMetadata> = {}): new () => object {
  @OpstageExtension({ name: 'acme-inventory', version: '1.0.0', compatibility: '>=0.5.0 <1.0.0', ...meta })
  @Module({})
  class Extension {}
  return Extension;
}

function refusal(fn: () => unknown): ExtensionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExtensionError) return error;
    throw error;
  }
  throw new Error('expected an ExtensionError');
}

describe('resolveExtensions', () => {
  it('accepts a valid extension: entities and migrations appended, routes under /api/ext/<name>', () => {
    const Extension = ext({ entities: [InventoryItemEntity], migrations: [CreateItems1765000000000] });
    const sut = resolveExtensions([Extension], '0.5.0');
    expect(sut.entities).toEqual([InventoryItemEntity]);
    expect(sut.migrations).toEqual([CreateItems1765000000000]);
    expect(sut.routes).toEqual([{ path: 'api/ext/acme-inventory', module: Extension }]);
    expect(sut.extensions).toEqual([
      {
        name: 'acme-inventory',
        version: '1.0.0',
        compatibility: '>=0.5.0 <1.0.0',
        basePath: '/api/ext/acme-inventory',
        tables: ['ext_acme_inventory_items'],
        migrations: ['CreateItems1765000000000'],
      },
    ]);
    expect(sut.warnings).toEqual([]);
  });

  it('accepts a dynamic module built from the extension class and honours routePrefix', () => {
    const Extension = ext({ routePrefix: 'ext/acme/inventory' });
    const sut = resolveExtensions([{ module: Extension, providers: [] }], '0.5.0');
    expect(sut.routes).toEqual([{ path: 'api/ext/acme/inventory', module: Extension }]);
  });

  it('refuses a module without @OpstageExtension, naming the class', () => {
    @Module({})
    class PlainModule {}
    expect(refusal(() => resolveExtensions([PlainModule], '0.5.0')).message).toBe(
      'Extension "PlainModule": the module is not decorated with @OpstageExtension({ name, version, compatibility }).',
    );
  });

  it.each(['Acme', 'acme_inventory', 'acme--x', '-acme', ''])('refuses the name %j', (name) => {
    expect(refusal(() => resolveExtensions([ext({ name })], '0.5.0')).message).toMatch(/name must be kebab-case/);
  });

  it('refuses duplicate names', () => {
    const e = refusal(() => resolveExtensions([ext(), ext()], '0.5.0'));
    expect(e.extension).toBe('acme-inventory');
    expect(e.message).toBe('Extension "acme-inventory": registered twice: extension names must be unique.');
  });

  it('refuses a version or range that is not semver', () => {
    expect(refusal(() => resolveExtensions([ext({ version: 'one' })], '0.5.0')).message).toMatch(
      /version "one" is not a semver version/,
    );
    expect(refusal(() => resolveExtensions([ext({ compatibility: 'soon' })], '0.5.0')).message).toMatch(
      /compatibility "soon" is not a semver range/,
    );
  });

  it('refuses an incompatible core version with both versions in the message', () => {
    expect(refusal(() => resolveExtensions([ext({ compatibility: '^2.0.0' })], '0.5.0')).message).toBe(
      'Extension "acme-inventory": requires Opstage ^2.0.0, but this is Opstage 0.5.0. Install a version of the extension built for it.',
    );
  });

  it('checks a prerelease as its release, and lets unversioned development builds through with a warning', () => {
    expect(() => resolveExtensions([ext({ compatibility: '^0.6.0' })], '0.6.0-rc.1')).not.toThrow();
    const dev = resolveExtensions([ext({ compatibility: '^2.0.0' })], '0.0.0-test');
    expect(dev.warnings).toEqual([
      'extension "acme-inventory": compatibility "^2.0.0" not checked on development build 0.0.0-test',
    ]);
  });

  it('refuses tables that clash with the core, lack the prefix, or are not entities', () => {
    expect(refusal(() => resolveExtensions([ext({ entities: [ShadowAgentsEntity] })], '0.5.0')).message).toBe(
      'Extension "acme-inventory": entity ShadowAgentsEntity maps to table "agents", which belongs to the Opstage core.',
    );
    expect(refusal(() => resolveExtensions([ext({ entities: [AcmeWidget] })], '0.5.0')).message).toBe(
      'Extension "acme-inventory": entity AcmeWidget maps to table "acme_widget"; extension tables must be named "ext_acme_inventory_<table>".',
    );
    expect(refusal(() => resolveExtensions([ext({ entities: [NotAnEntity] })], '0.5.0')).message).toMatch(
      /NotAnEntity is not a TypeORM @Entity\(\) class/,
    );
    expect(refusal(() => resolveExtensions([ext({ entities: [BinEntity] })], '0.5.0')).message).toMatch(
      /index "idx_bins_name" on BinEntity must contain "ext_acme_inventory_"/,
    );
  });

  it('refuses a table declared by two extensions', () => {
    const a = ext({ entities: [InventoryItemEntity] });
    const b = ext({ name: 'acme', entities: [InventoryItemEntity] });
    // "acme" prefixes ext_acme_, so ext_acme_inventory_items passes its prefix rule and must be caught as a duplicate.
    expect(refusal(() => resolveExtensions([a, b], '0.5.0')).message).toBe(
      'Extension "acme": table "ext_acme_inventory_items" is already declared by another extension.',
    );
  });

  it('refuses migrations without a timestamp, older than the core schema, or named like a core one', () => {
    expect(refusal(() => resolveExtensions([ext({ migrations: [NoTimestamp] })], '0.5.0')).message).toMatch(
      /NoTimestamp must end with a 13-digit epoch-ms timestamp/,
    );
    expect(refusal(() => resolveExtensions([ext({ migrations: [Ancient1000000000000] })], '0.5.0')).message).toMatch(
      /dated before the core schema/,
    );
    expect(refusal(() => resolveExtensions([ext({ migrations: [ClashesWithCore] })], '0.5.0')).message).toMatch(
      /PostgresInit1764390000000 has the name of a core migration/,
    );
  });

  it('refuses route prefixes inside the core API or overlapping another extension', () => {
    expect(refusal(() => resolveExtensions([ext({ routePrefix: 'admin/acme' })], '0.5.0')).message).toMatch(
      /would mount inside the core API \(\/api\/admin\)/,
    );
    expect(refusal(() => resolveExtensions([ext({ routePrefix: '/ext/acme' })], '0.5.0')).message).toMatch(
      /must be lower-case path segments/,
    );
    expect(
      refusal(() =>
        resolveExtensions(
          [ext({ routePrefix: 'ext/acme' }), ext({ name: 'other', routePrefix: 'ext/acme/sub' })],
          '0.5.0',
        ),
      ).message,
    ).toBe('Extension "other": routePrefix "ext/acme/sub" overlaps "ext/acme" of another extension.');
  });

  it('derives the table prefix with dashes as underscores', () => {
    expect(extensionTablePrefix('webhook-notifier')).toBe('ext_webhook_notifier_');
  });
});
