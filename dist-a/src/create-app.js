"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApp = createApp;
const core_1 = require("@nestjs/core");
const app_module_1 = require("./app.module");
const app_setup_1 = require("./app.setup");
const app_logger_1 = require("./common/logging/app-logger");
/** Builds the configured (not yet listening) application; used by main.ts and the tests. */
async function createApp(options, logger = new app_logger_1.AppLogger(options.config.logLevel)) {
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(options), { logger, bodyParser: false, abortOnError: false });
    (0, app_setup_1.configureApp)(app, options.config);
    return app;
}
//# sourceMappingURL=create-app.js.map