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
exports.CountersService = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/time/clock");
const system_repository_1 = require("./system.repository");
const FLUSH_MS = 2000;
/**
 * Operational counters that survive restarts (polls, dispatched commands, oversized results).
 * Increments are buffered and flushed every 2 s and at shutdown, so hot paths never write per call.
 */
let CountersService = class CountersService {
    repository;
    clock;
    logger = new common_1.Logger('counters');
    persisted = new Map();
    pending = new Map();
    timer;
    constructor(repository, clock) {
        this.repository = repository;
        this.clock = clock;
    }
    async onModuleInit() {
        for (const row of await this.repository.readCounters())
            this.persisted.set(row.key, row.value);
        this.timer = setInterval(() => void this.flush(), FLUSH_MS);
        this.timer.unref();
    }
    async onApplicationShutdown() {
        if (this.timer)
            clearInterval(this.timer);
        await this.flush();
    }
    increment(key, by = 1) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + by);
    }
    get(key) {
        return (this.persisted.get(key) ?? 0) + (this.pending.get(key) ?? 0);
    }
    snapshot() {
        const keys = new Set([...this.persisted.keys(), ...this.pending.keys()]);
        return Object.fromEntries([...keys].map((k) => [k, this.get(k)]));
    }
    async flush() {
        if (this.pending.size === 0)
            return;
        const batch = this.pending;
        this.pending = new Map();
        try {
            await this.repository.addToCounters(batch, this.clock.nowIso());
            for (const [k, v] of batch)
                this.persisted.set(k, (this.persisted.get(k) ?? 0) + v);
        }
        catch (error) {
            for (const [k, v] of batch)
                this.increment(k, v);
            this.logger.warn({ msg: 'counter flush failed; will retry', error: String(error) });
        }
    }
};
exports.CountersService = CountersService;
exports.CountersService = CountersService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [system_repository_1.SystemRepository,
        clock_1.Clock])
], CountersService);
//# sourceMappingURL=counters.service.js.map