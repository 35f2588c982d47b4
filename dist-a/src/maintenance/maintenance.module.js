"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MaintenanceModule = void 0;
const common_1 = require("@nestjs/common");
const audit_module_1 = require("../audit/audit.module");
const settings_module_1 = require("../settings/settings.module");
const system_module_1 = require("../system/system.module");
const backup_service_1 = require("./backup.service");
const dashboard_service_1 = require("./dashboard.service");
const diagnostics_service_1 = require("./diagnostics.service");
const http_metrics_middleware_1 = require("./http-metrics.middleware");
const maintenance_controller_1 = require("./maintenance.controller");
const maintenance_repository_1 = require("./maintenance.repository");
const maintenance_scheduler_1 = require("./maintenance.scheduler");
const maintenance_service_1 = require("./maintenance.service");
const maintenance_settings_service_1 = require("./maintenance-settings.service");
const metrics_service_1 = require("./metrics.service");
const operations_controller_1 = require("./operations.controller");
const prometheus_controller_1 = require("./prometheus.controller");
const prometheus_service_1 = require("./prometheus.service");
const stats_repository_1 = require("./stats.repository");
/**
 * Keeps the control plane accurate and bounded without an operator (scheduled sweep, retention)
 * and gives operators its numbers (dashboard, metrics, Prometheus, diagnostics) and backups.
 * It reads the other domains' tables through its own repositories, so it depends on no module
 * above audit/settings/system.
 */
let MaintenanceModule = class MaintenanceModule {
    configure(consumer) {
        consumer.apply(http_metrics_middleware_1.HttpMetricsMiddleware).forRoutes('{*path}');
    }
};
exports.MaintenanceModule = MaintenanceModule;
exports.MaintenanceModule = MaintenanceModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, settings_module_1.SettingsModule, system_module_1.SystemModule],
        controllers: [maintenance_controller_1.MaintenanceController, operations_controller_1.OperationsController, prometheus_controller_1.PrometheusController],
        providers: [
            { provide: maintenance_scheduler_1.MAINTENANCE_TICK_UNIT_MS, useValue: 1000 },
            maintenance_repository_1.MaintenanceRepository,
            stats_repository_1.StatsRepository,
            maintenance_service_1.MaintenanceService,
            maintenance_scheduler_1.MaintenanceScheduler,
            maintenance_settings_service_1.MaintenanceSettingsService,
            dashboard_service_1.DashboardService,
            metrics_service_1.MetricsService,
            prometheus_service_1.PrometheusService,
            diagnostics_service_1.DiagnosticsService,
            backup_service_1.BackupService,
        ],
        exports: [maintenance_service_1.MaintenanceService],
    })
], MaintenanceModule);
//# sourceMappingURL=maintenance.module.js.map