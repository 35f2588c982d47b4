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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SystemService = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const clock_1 = require("../common/time/clock");
const system_repository_1 = require("./system.repository");
const SLOW_DB_MS = 250;
let SystemService = class SystemService {
    config;
    repository;
    clock;
    startedAt;
    checks = new Map();
    constructor(config, repository, clock) {
        this.config = config;
        this.repository = repository;
        this.clock = clock;
        this.startedAt = clock.nowMs();
    }
    registerCheck(name, check) {
        this.checks.set(name, check);
    }
    async health() {
        const started = performance.now();
        let dbStatus = 'UP';
        try {
            await this.repository.ping();
            if (performance.now() - started > SLOW_DB_MS)
                dbStatus = 'DEGRADED';
        }
        catch {
            dbStatus = 'DOWN';
        }
        const checks = {};
        for (const [name, check] of this.checks)
            checks[name] = check();
        const statuses = [dbStatus, ...Object.values(checks).map((c) => c.status)];
        const status = statuses.includes('DOWN') ? 'DOWN' : statuses.includes('DEGRADED') ? 'DEGRADED' : 'UP';
        return {
            status,
            timestamp: this.clock.nowIso(),
            version: this.config.version,
            edition: 'ce',
            database: { status: dbStatus, kind: 'sqlite', latencyMs: Math.round((performance.now() - started) * 100) / 100 },
            uptimeSeconds: Math.floor((this.clock.nowMs() - this.startedAt) / 1000),
            checks,
        };
    }
    version() {
        const out = { version: this.config.version, edition: 'ce' };
        if (this.config.commit)
            out.commit = this.config.commit;
        if (this.config.buildTime)
            out.buildTime = this.config.buildTime;
        return out;
    }
};
exports.SystemService = SystemService;
exports.SystemService = SystemService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, system_repository_1.SystemRepository,
        clock_1.Clock])
], SystemService);
//# sourceMappingURL=system.service.js.map