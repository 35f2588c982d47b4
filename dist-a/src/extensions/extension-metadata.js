"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPSTAGE_EXTENSION_METADATA = void 0;
exports.extensionMetadataOf = extensionMetadataOf;
exports.OPSTAGE_EXTENSION_METADATA = 'opstage:extension';
/** The metadata of an extension module class, or undefined for any other class. */
function extensionMetadataOf(target) {
    if (typeof target !== 'function')
        return undefined;
    return Reflect.getMetadata(exports.OPSTAGE_EXTENSION_METADATA, target);
}
//# sourceMappingURL=extension-metadata.js.map