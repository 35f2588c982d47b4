"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const migrations_1 = require("../../migrations");
const entities_1 = require("./entities");
/** One options builder for the app, the tests and the TypeORM CLI (`src/database/data-source.ts`). */
function dataSourceOptions(input) {
    if (input.databasePath !== ':memory:')
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(input.databasePath), { recursive: true });
    return {
        type: 'better-sqlite3',
        database: input.databasePath,
        entities: [...entities_1.CORE_ENTITIES, ...(input.extraEntities ?? [])],
        migrations: [...migrations_1.CORE_MIGRATIONS, ...(input.extraMigrations ?? [])],
        migrationsTableName: 'migrations',
        migrationsTransactionMode: 'each',
        synchronize: false,
        migrationsRun: false,
        enableWAL: true,
        timeout: 5000,
        prepareDatabase: (db) => {
            db.pragma('synchronous = NORMAL');
            db.pragma('foreign_keys = ON');
        },
        logging: false,
    };
}
//# sourceMappingURL=data-source-options.js.map