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
exports.OperationsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const node_fs_1 = require("node:fs");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const envelope_1 = require("../common/http/envelope");
const backup_service_1 = require("./backup.service");
const dashboard_service_1 = require("./dashboard.service");
const diagnostics_service_1 = require("./diagnostics.service");
const metrics_service_1 = require("./metrics.service");
let OperationsController = class OperationsController {
    dashboard;
    metricsService;
    diagnostics;
    backups;
    constructor(dashboard, metricsService, diagnostics, backups) {
        this.dashboard = dashboard;
        this.metricsService = metricsService;
        this.diagnostics = diagnostics;
        this.backups = backups;
    }
    summary(ctx) {
        return this.dashboard.summary(ctx);
    }
    metrics(ctx) {
        return this.metricsService.metrics(ctx);
    }
    runtime(ctx) {
        return this.diagnostics.runtime(ctx);
    }
    async backup(ctx, res) {
        const file = await this.backups.create(ctx);
        res.status(200);
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(file.sizeBytes));
        res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
        (0, node_fs_1.createReadStream)(file.path).pipe(res);
        return new envelope_1.RawResponse();
    }
};
exports.OperationsController = OperationsController;
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)('dashboard/summary'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], OperationsController.prototype, "summary", null);
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)('metrics'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], OperationsController.prototype, "metrics", null);
__decorate([
    (0, policy_decorators_1.Roles)('operator'),
    (0, common_1.Get)('diagnostics/runtime'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], OperationsController.prototype, "runtime", null);
__decorate([
    (0, policy_decorators_1.Roles)('owner'),
    (0, common_1.Post)('backup/sqlite'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiProduces)('application/octet-stream'),
    (0, swagger_1.ApiOkResponse)({ description: 'The SQLite backup file as an attachment (also kept in OPSTAGE_BACKUP_DIR)' }),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Object]),
    __metadata("design:returntype", Promise)
], OperationsController.prototype, "backup", null);
exports.OperationsController = OperationsController = __decorate([
    (0, swagger_1.ApiTags)('operations'),
    (0, common_1.Controller)('api/admin'),
    __metadata("design:paramtypes", [dashboard_service_1.DashboardService,
        metrics_service_1.MetricsService,
        diagnostics_service_1.DiagnosticsService,
        backup_service_1.BackupService])
], OperationsController);
//# sourceMappingURL=operations.controller.js.map