import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ExtensionError } from './extension-error';
import { extensionMetadataOf } from './extension-metadata';
import type { ExtensionModule } from './extension-registry';
import * as surface from './index';
import { WebhookNotifierExtension } from './webhook-notifier/webhook-notifier.extension';

/**
 * Extensions shipped with the server. The webhook notifier is always registered, so its table
 * and migration exist whether or not OPSTAGE_WEBHOOK_URL is set (turning the URL off must not
 * leave an "unknown migration" behind); without a URL it sends nothing.
 */
export function builtInExtensions(config: AppConfig): ExtensionModule[] {
  return [
    WebhookNotifierExtension.forRoot({
      url: config.webhook.url,
      secret: config.webhook.secret,
      events: config.webhook.events,
      allowPrivate: config.webhook.allowPrivate,
    }),
  ];
}

export type ModuleLoader = (id: string) => unknown;

/** The curated surface handed to `opstageExtension(api)` factories: exactly `src/extensions/index.ts`. */
export type OpstageExtensionApi = typeof surface;

/**
 * Loads the installed packages named in OPSTAGE_EXTENSIONS. Each exports its `@OpstageExtension`
 * module class (default export, or exactly one named export), or a factory
 * `opstageExtension(api)` that builds it from the surface it is given, for packages that cannot
 * resolve the server's own files. Packages resolve from the working directory's node_modules,
 * where the deployment installs them.
 */
export function loadInstalledExtensions(
  packages: readonly string[],
  load: ModuleLoader = createRequire(join(process.cwd(), 'package.json')),
): ExtensionModule[] {
  return packages.map((pkg) => {
    let exported: unknown;
    try {
      exported = load(pkg);
    } catch (error) {
      throw new ExtensionError(
        pkg,
        `package could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install it next to Opstage or remove it from OPSTAGE_EXTENSIONS.`,
      );
    }
    return pickExtension(pkg, exported);
  });
}

function pickExtension(pkg: string, exported: unknown): ExtensionModule {
  if (extensionMetadataOf(exported)) return exported as ExtensionModule;
  if (exported === null || typeof exported !== 'object')
    throw new ExtensionError(pkg, 'the package exports no @OpstageExtension module.');
  const record = exported as Record<string, unknown>;
  if (extensionMetadataOf(record.default)) return record.default as ExtensionModule;
  if (typeof record.opstageExtension === 'function') {
    const built: unknown = (record.opstageExtension as (api: OpstageExtensionApi) => unknown)(surface);
    const moduleClass = built !== null && typeof built === 'object' && 'module' in built ? built.module : built;
    if (!extensionMetadataOf(moduleClass))
      throw new ExtensionError(pkg, 'opstageExtension(api) did not return an @OpstageExtension module.');
    return built as ExtensionModule;
  }
  const found = Object.values(record).filter((v) => extensionMetadataOf(v));
  if (found.length === 1) return found[0] as ExtensionModule;
  throw new ExtensionError(
    pkg,
    found.length === 0
      ? 'the package exports no @OpstageExtension module (default or named export).'
      : `the package exports ${found.length} extension modules; export one as default.`,
  );
}
