"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.builtInExtensions = builtInExtensions;
exports.loadInstalledExtensions = loadInstalledExtensions;
const node_module_1 = require("node:module");
const node_path_1 = require("node:path");
const extension_error_1 = require("./extension-error");
const extension_metadata_1 = require("./extension-metadata");
const surface = __importStar(require("./index"));
const webhook_notifier_extension_1 = require("./webhook-notifier/webhook-notifier.extension");
/**
 * Extensions shipped with the server. The webhook notifier is always registered, so its table
 * and migration exist whether or not OPSTAGE_WEBHOOK_URL is set (turning the URL off must not
 * leave an "unknown migration" behind); without a URL it sends nothing.
 */
function builtInExtensions(config) {
    return [webhook_notifier_extension_1.WebhookNotifierExtension.forRoot({ url: config.webhook.url, secret: config.webhook.secret, events: config.webhook.events })];
}
/**
 * Loads the installed packages named in OPSTAGE_EXTENSIONS. Each exports its `@OpstageExtension`
 * module class (default export, or exactly one named export), or a factory
 * `opstageExtension(api)` that builds it from the surface it is given, for packages that cannot
 * resolve the server's own files. Packages resolve from the working directory's node_modules,
 * where the deployment installs them.
 */
function loadInstalledExtensions(packages, load = (0, node_module_1.createRequire)((0, node_path_1.join)(process.cwd(), 'package.json'))) {
    return packages.map((pkg) => {
        let exported;
        try {
            exported = load(pkg);
        }
        catch (error) {
            throw new extension_error_1.ExtensionError(pkg, `package could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install it next to Opstage or remove it from OPSTAGE_EXTENSIONS.`);
        }
        return pickExtension(pkg, exported);
    });
}
function pickExtension(pkg, exported) {
    if ((0, extension_metadata_1.extensionMetadataOf)(exported))
        return exported;
    if (exported === null || typeof exported !== 'object')
        throw new extension_error_1.ExtensionError(pkg, 'the package exports no @OpstageExtension module.');
    const record = exported;
    if ((0, extension_metadata_1.extensionMetadataOf)(record.default))
        return record.default;
    if (typeof record.opstageExtension === 'function') {
        const built = record.opstageExtension(surface);
        const moduleClass = built !== null && typeof built === 'object' && 'module' in built ? built.module : built;
        if (!(0, extension_metadata_1.extensionMetadataOf)(moduleClass))
            throw new extension_error_1.ExtensionError(pkg, 'opstageExtension(api) did not return an @OpstageExtension module.');
        return built;
    }
    const found = Object.values(record).filter((v) => (0, extension_metadata_1.extensionMetadataOf)(v));
    if (found.length === 1)
        return found[0];
    throw new extension_error_1.ExtensionError(pkg, found.length === 0 ? 'the package exports no @OpstageExtension module (default or named export).' : `the package exports ${found.length} extension modules; export one as default.`);
}
//# sourceMappingURL=extension-loader.js.map