import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { RegisteredExtension } from './extension-registry';

export const REGISTERED_EXTENSIONS = Symbol('REGISTERED_EXTENSIONS');
export const EXTENSION_WARNINGS = Symbol('EXTENSION_WARNINGS');

/** Logs what the registry accepted, once the app logger is in place (the registry runs before Nest). */
@Injectable()
export class ExtensionsBootLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('extensions');

  constructor(
    @Inject(REGISTERED_EXTENSIONS) private readonly extensions: readonly RegisteredExtension[],
    @Inject(EXTENSION_WARNINGS) private readonly warnings: readonly string[],
  ) {}

  onApplicationBootstrap(): void {
    for (const warning of this.warnings) this.logger.warn(warning);
    if (this.extensions.length === 0) return;
    this.logger.log({
      msg: 'extensions loaded',
      extensions: this.extensions.map((e) => ({ name: e.name, version: e.version, basePath: e.basePath })),
    });
  }
}
