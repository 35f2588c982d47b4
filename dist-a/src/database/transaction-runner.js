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