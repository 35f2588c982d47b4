"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const typeorm_1 = require("typeorm");
const app_config_1 = require("../config/app-config");
const dotenv_1 = require("../config/dotenv");
const data_source_options_1 = require("./data-source-options");
// Entry for the TypeORM CLI only (migration:generate/run/revert). The server builds its own.
const env = { OPSTAGE_SESSION_SECRET: 'cli-placeholder-secret-not-used-for-anything', ...(0, dotenv_1.readDotEnv)(process.cwd()), ...process.env };
const config = (0, app_config_1.loadConfig)(env);
exports.default = new typeorm_1.DataSource((0, data_source_options_1.dataSourceOptions)({ databasePath: config.databasePath }));
//# sourceMappingURL=data-source.js.map