"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TransactionRunner = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
/**
 * Serialises top-level transactions: TypeORM's better-sqlite3 driver shares one connection, so
 * two concurrent `transaction()` calls would nest (typeorm#8668). Keep the work short and never
 * await network I/O inside it (house rule 11).
 */
let TransactionRunner = class TransactionRunner {
    dataSource;
    logger = new common_1.Logger('transactions');
    tail = Promise.resolve();
    /** Post-commit hooks of the transactions in flight, keyed by their manager. */
    hooks = new WeakMap();
    /** Prepared statements of `readOne`, by SQL text (a handful of fixed hot-path reads). */
    statements = new Map();
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    run(work) {
        const result = this.tail.then(async () => {
            const pending = [];
            const value = await this.dataSource.transaction((em) => {
                this.hooks.set(em, pending);
                return work(em);
            });
            for (const hook of pending)
                this.runHook(hook);
            return value;
        });
        this.tail = result.catch(() => undefined);
        return result;
    }
    /**
     * Runs `hook` once the transaction owning `em` has committed, and never if it rolls back.
     * Without a transaction (`em` undefined or the plain manager) the write is already durable,
     * so the hook runs at once. Used to publish domain events after commit.
     */
    afterCommit(em, hook) {
        const pending = em ? this.hooks.get(em) : undefined;
        if (pending)
            pending.push(hook);
        else
            this.runHook(hook);
    }
    /** Plain manager for reads and single-statement writes that need no transaction. */
    get manager() {
        return this.dataSource.manager;
    }
    /**
     * The first row of a fixed, parameterised read on a hot path (agent authentication on every
     * agent request). On SQLite the statement is prepared once and run on the driver's connection,
     * the same single connection TypeORM uses, so it sees exactly what `em.query` would: TypeORM's
     * query runner, logger and subscriber broadcast cost several times the query itself there
     * (bench/). Other drivers go through TypeORM. `sql` must be a constant, never built from input.
     */
    async readOne(sql, params) {
        const db = this.sqlite();
        if (!db) {
            const rows = await this.dataSource.manager.query(sql, [...params]);
            return Array.isArray(rows) ? rows[0] : undefined;
        }
        let statement = this.statements.get(sql);
        if (!statement) {
            statement = db.prepare(sql);
            this.statements.set(sql, statement);
        }
        const __t = process.hrtime.bigint(); const __r = statement.get(...params); globalThis.__rt = (globalThis.__rt ?? 0n) + (process.hrtime.bigint() - __t); globalThis.__rn = (globalThis.__rn ?? 0) + 1; if (globalThis.__rn % 5000 === 0) require("fs").appendFileSync("/tmp/readone.log", `readOne avg ${Number(globalThis.__rt) / globalThis.__rn / 1000} us\n`); return __r;
    }
    sqlite() {
        if (this.dataSource.options.type !== 'better-sqlite3')
            return undefined;
        const driver = this.dataSource.driver;
        return driver.databaseConnection;
    }
    runHook(hook) {
        try {
            hook();
        }
        catch (error) {
            this.logger.error({ msg: 'after-commit hook failed', error: error instanceof Error ? error.message : String(error) });
        }
    }
};
exports.TransactionRunner = TransactionRunner;
exports.TransactionRunner = TransactionRunner = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], TransactionRunner);
//# sourceMappingURL=transaction-runner.js.map