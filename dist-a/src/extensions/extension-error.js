"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExtensionError = void 0;
/** A boot-time refusal naming the extension at fault; the server does not start. */
class ExtensionError extends Error {
    extension;
    constructor(extension, problem) {
        super(`Extension "${extension}": ${problem}`);
        this.extension = extension;
        this.name = 'ExtensionError';
    }
}
exports.ExtensionError = ExtensionError;
//# sourceMappingURL=extension-error.js.map