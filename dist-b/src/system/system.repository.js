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
exports.SystemRepository = void 0;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const system_counter_entity_1 = require("./system-counter.entity");
let SystemRepository = class SystemRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async ping() {
        await this.tx.manager.query('SELECT 1');
    }
    readCounters(em = this.tx.manager) {
        return em.find(system_counter_entity_1.SystemCounterEntity);
    }
    /** Adds deltas with one upsert per key (`ON CONFLICT` works on SQLite and PostgreSQL; placeholders need the driver's style). */
    async addToCounters(deltas, now, em = this.tx.manager) {
        for (const [key, delta] of deltas) {
            await em.query('INSERT INTO system_counters ("key", "value", "updatedAt") VALUES (?, ?, ?) ' +
                'ON CONFLICT ("key") DO UPDATE SET "value" = system_counters."value" + excluded."value", "updatedAt" = excluded."updatedAt"', [key, delta, now]);
        }
    }
};
exports.SystemRepository = SystemRepository;
exports.SystemRepository = SystemRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], SystemRepository);
//# sourceMappingURL=system.repository.js.map