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
exports.MaintenanceSettingsService = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../audit/audit.service");
const transaction_runner_1 = require("../database/transaction-runner");
const runtime_settings_service_1 = require("../settings/runtime-settings.service");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const maintenance_service_1 = require("./maintenance.service");
const KEYS = [
    'agentOfflineThresholdSeconds',
    'auditRetentionDays',
    'maintenanceIntervalSeconds',
    'commandRetentionDays',
    'healthReportsKeep',
];
/** The maintenance settings use cases (read, pin, reset) and the manual sweep; all writes audited. */
let MaintenanceSettingsService = class MaintenanceSettingsService {
    settings;
    maintenance;
    audit;
    tx;
    constructor(settings, maintenance, audit, tx) {
        this.settings = settings;
        this.maintenance = maintenance;
        this.audit = audit;
        this.tx = tx;
    }
    view(_ctx) {
        return this.toView();
    }
    /** Only the keys sent are pinned; the rest keep following the environment (unlike REF, which pins all). */
    async update(ctx, dto) {
        const patch = {};
        for (const key of KEYS) {
            const value = dto[key];
            if (value !== undefined)
                patch[key] = value;
        }
        await this.tx.run(async (em) => {
            const effective = await this.settings.update(patch, em);
            await this.audit.record(ctx, { action: 'settings.maintenance.updated', targetType: 'Workspace', targetId: workspace_entity_1.DEFAULT_WORKSPACE_ID, metadata: { ...effective, changed: Object.keys(patch) } }, em);
        });
        return this.toView();
    }
    async reset(ctx) {
        await this.tx.run(async (em) => {
            const effective = await this.settings.reset(em);
            await this.audit.record(ctx, { action: 'settings.maintenance.updated', targetType: 'Workspace', targetId: workspace_entity_1.DEFAULT_WORKSPACE_ID, metadata: { ...effective, reset: true } }, em);
        });
        return this.toView();
    }
    async runNow(ctx) {
        const result = await this.maintenance.run();
        await this.audit.record(ctx, { action: 'maintenance.triggered', targetType: 'Workspace', targetId: workspace_entity_1.DEFAULT_WORKSPACE_ID, metadata: { ...result } });
        return result;
    }
    toView() {
        const overrides = this.settings.storedOverrides();
        return {
            ...this.settings.get(),
            overridden: KEYS.filter((k) => overrides[k] !== undefined),
            defaults: this.settings.defaults(),
        };
    }
};
exports.MaintenanceSettingsService = MaintenanceSettingsService;
exports.MaintenanceSettingsService = MaintenanceSettingsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [runtime_settings_service_1.RuntimeSettingsService,
        maintenance_service_1.MaintenanceService,
        audit_service_1.AuditService,
        transaction_runner_1.TransactionRunner])
], MaintenanceSettingsService);
//# sourceMappingURL=maintenance-settings.service.js.map