import { OPSTAGE_EXTENSION_METADATA, type OpstageExtensionMetadata } from './extension-metadata';

/**
 * Marks a Nest module as an Opstage extension. Use it next to `@Module({...})`: imports,
 * providers, controllers and exports stay ordinary Nest metadata; this adds the name,
 * version, core compatibility range, entities, migrations and route prefix the registry
 * checks at boot.
 */
export function OpstageExtension(metadata: OpstageExtensionMetadata): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(OPSTAGE_EXTENSION_METADATA, Object.freeze({ ...metadata }), target);
  };
}
