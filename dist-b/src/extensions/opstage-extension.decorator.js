"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OpstageExtension = OpstageExtension;
const extension_metadata_1 = require("./extension-metadata");
/**
 * Marks a Nest module as an Opstage extension. Use it next to `@Module({...})`: imports,
 * providers, controllers and exports stay ordinary Nest metadata; this adds the name,
 * version, core compatibility range, entities, migrations and route prefix the registry
 * checks at boot.
 */
function OpstageExtension(metadata) {
    return (target) => {
        Reflect.defineMetadata(extension_metadata_1.OPSTAGE_EXTENSION_METADATA, Object.freeze({ ...metadata }), target);
    };
}
//# sourceMappingURL=opstage-extension.decorator.js.map