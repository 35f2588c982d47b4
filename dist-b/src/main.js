"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const app_config_1 = require("./config/app-config");
const dotenv_1 = require("./config/dotenv");
const package_info_1 = require("./config/package-info");
const create_app_1 = require("./create-app");
const extension_loader_1 = require("./extensions/extension-loader");
const app_logger_1 = require("./common/logging/app-logger");
const SHUTDOWN_GRACE_MS = 10_000;
function readConfig() {
    const info = (0, package_info_1.packageInfo)();
    // Real environment variables override .env (12-factor); process.env is read only here.
    const env = { ...(0, dotenv_1.readDotEnv)(process.cwd()), ...process.env };
    try {
        return (0, app_config_1.loadConfig)(env, { packageVersion: info.version, defaultStaticDir: (0, package_info_1.defaultStaticDir)(info) });
    }
    catch (error) {
        if (error instanceof app_config_1.ConfigError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(1);
        }
        throw error;
    }
}
async function main() {
    const config = readConfig();
    const logger = new app_logger_1.AppLogger(config.logLevel);
    // Built-in extensions first, then the installed packages named in OPSTAGE_EXTENSIONS.
    const extensions = [...(0, extension_loader_1.builtInExtensions)(config), ...(0, extension_loader_1.loadInstalledExtensions)(config.extensions)];
    const app = await (0, create_app_1.createApp)({ config, extensions }, logger);
    await app.listen(config.port, config.host);
    const server = app.getHttpServer();
    logger.log({ msg: 'Opstage CE listening', url: `http://${config.host}:${config.port}`, version: config.version, database: config.databasePath });
    let stopping = false;
    const stop = (signal) => {
        if (stopping)
            return;
        stopping = true;
        logger.log({ msg: 'shutting down', signal });
        // Stop accepting, let in-flight requests finish, then cut what is left (long-polls end early anyway).
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        force.unref();
        app
            .close()
            .then(() => process.exit(0))
            .catch((error) => {
            logger.error(error instanceof Error ? error : String(error));
            process.exit(1);
        });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
}
main().catch((error) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Opstage CE failed to start: ${message}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map