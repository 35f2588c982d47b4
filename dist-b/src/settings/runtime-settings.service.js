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
exports.RuntimeSettingsService = exports.MAINTENANCE_SETTINGS_ID = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const clock_1 = require("../common/time/clock");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const settings_repository_1 = require("./settings.repository");
exports.MAINTENANCE_SETTINGS_ID = 'set_maintenance';
const KEYS = [
    'agentOfflineThresholdSeconds',
    'auditRetentionDays',
    'maintenanceIntervalSeconds',
    'commandRetentionDays',
    'healthReportsKeep',
];
/**
 * Single source of the effective thresholds for the sweep, effective status, action gating and
 * metrics. Cached in memory (the heartbeat path reads it) and refreshed on every write.
 */
let RuntimeSettingsService = class RuntimeSettingsService {
    config;
    repository;
    clock;
    cached;
    overrides = {};
    listeners = [];
    constructor(config, repository, clock) {
        this.config = config;
        this.repository = repository;
        this.clock = clock;
        this.cached = this.defaults();
    }
    async onModuleInit() {
        await this.reload();
    }
    defaults() {
        return {
            agentOfflineThresholdSeconds: this.config.agentOfflineThresholdSeconds,
            auditRetentionDays: this.config.auditRetentionDays,
            maintenanceIntervalSeconds: this.config.maintenanceIntervalSeconds,
            commandRetentionDays: this.config.commandRetentionDays,
            healthReportsKeep: this.config.healthReportsKeep,
        };
    }
    /** Effective values (synchronous: hot paths call it per request). */
    get() {
        return this.cached;
    }
    /** Only the keys an owner pinned. */
    storedOverrides() {
        return { ...this.overrides };
    }
    async reload(em) {
        const row = await this.repository.findById(exports.MAINTENANCE_SETTINGS_ID, em);
        this.overrides = row ? parseOverrides(row.valueJson) : {};
        this.cached = { ...this.defaults(), ...this.overrides };
        return this.cached;
    }
    /** Merges a partial update into the stored overrides; callers validate ranges and audit. */
    async update(patch, em) {
        const now = this.clock.nowIso();
        const existing = await this.repository.findById(exports.MAINTENANCE_SETTINGS_ID, em);
        const overrides = { ...(existing ? parseOverrides(existing.valueJson) : {}), ...patch };
        await this.repository.save({ id: exports.MAINTENANCE_SETTINGS_ID, workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID, key: 'maintenance', valueJson: JSON.stringify(overrides), createdAt: existing?.createdAt ?? now, updatedAt: now }, em);
        return this.apply(overrides);
    }
    async reset(em) {
        await this.repository.delete(exports.MAINTENANCE_SETTINGS_ID, em);
        return this.apply({});
    }
    /** Called after every change (the scheduler reschedules itself). */
    onChange(listener) {
        this.listeners.push(listener);
    }
    apply(overrides) {
        this.overrides = overrides;
        this.cached = { ...this.defaults(), ...overrides };
        for (const listener of this.listeners)
            listener(this.cached);
        return this.cached;
    }
};
exports.RuntimeSettingsService = RuntimeSettingsService;
exports.RuntimeSettingsService = RuntimeSettingsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(app_config_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, settings_repository_1.SettingsRepository,
        clock_1.Clock])
], RuntimeSettingsService);
/** A corrupt stored row falls back to the defaults instead of breaking every request. */
function parseOverrides(json) {
    try {
        const value = JSON.parse(json);
        if (!value || typeof value !== 'object')
            return {};
        const out = {};
        for (const key of KEYS) {
            const v = value[key];
            if (typeof v === 'number' && Number.isInteger(v) && v >= 0)
                out[key] = v;
        }
        return out;
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=runtime-settings.service.js.map