"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnknownMigrationsError = void 0;
exports.migrate = migrate;
class UnknownMigrationsError extends Error {
    unknown;
    constructor(unknown) {
        super(`Database schema is newer than this Opstage CE build: it has migrations this version does not know (${unknown.join(', ')}). ` +
            'Run the Opstage version that created it, or restore a backup taken with this version.');
        this.unknown = unknown;
        this.name = 'UnknownMigrationsError';
    }
}
exports.UnknownMigrationsError = UnknownMigrationsError;
/** Refuses a database migrated by a newer build, then applies pending migrations in order. */
async function migrate(dataSource) {
    const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
    const runner = dataSource.createQueryRunner();
    const hasTable = await runner.hasTable('migrations').finally(() => runner.release());
    if (hasTable) {
        const rows = await dataSource.query('SELECT name FROM migrations');
        const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
        if (unknown.length > 0)
            throw new UnknownMigrationsError(unknown);
    }
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
}
//# sourceMappingURL=migrate.js.map