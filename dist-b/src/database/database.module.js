"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var DatabaseModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const app_config_1 = require("../config/app-config");
const data_source_options_1 = require("./data-source-options");
const migrate_1 = require("./migrate");
const transaction_runner_1 = require("./transaction-runner");
/** Opens SQLite (WAL, foreign keys, busy timeout) and runs migrations before anything else starts. */
let DatabaseModule = DatabaseModule_1 = class DatabaseModule {
    static forRoot(options = {}) {
        return {
            module: DatabaseModule_1,
            imports: [
                typeorm_1.TypeOrmModule.forRootAsync({
                    inject: [app_config_1.APP_CONFIG],
                    useFactory: (config) => ({
                        ...(0, data_source_options_1.dataSourceOptions)({ databasePath: config.databasePath, extraEntities: options.extraEntities, extraMigrations: options.extraMigrations }),
                        // A local file either opens or it does not: fail the boot at once instead of retrying for ~30 s.
                        retryAttempts: 0,
                    }),
                    dataSourceFactory: async (opts) => {
                        if (!opts)
                            throw new Error('missing data source options');
                        const dataSource = await new typeorm_2.DataSource(opts).initialize();
                        const ran = await (0, migrate_1.migrate)(dataSource);
                        if (ran.length > 0)
                            new common_1.Logger('database').log({ msg: 'migrations applied', migrations: ran });
                        return dataSource;
                    },
                }),
            ],
            providers: [transaction_runner_1.TransactionRunner],
            exports: [transaction_runner_1.TransactionRunner],
        };
    }
};
exports.DatabaseModule = DatabaseModule;
exports.DatabaseModule = DatabaseModule = DatabaseModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], DatabaseModule);
//# sourceMappingURL=database.module.js.map