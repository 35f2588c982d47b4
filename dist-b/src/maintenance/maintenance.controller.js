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
exports.MaintenanceController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const maintenance_settings_dto_1 = require("./dto/maintenance-settings.dto");
const maintenance_settings_service_1 = require("./maintenance-settings.service");
let MaintenanceController = class MaintenanceController {
    service;
    constructor(service) {
        this.service = service;
    }
    get(ctx) {
        return this.service.view(ctx);
    }
    update(ctx, dto) {
        return this.service.update(ctx, dto);
    }
    reset(ctx) {
        return this.service.reset(ctx);
    }
    run(ctx) {
        return this.service.runNow(ctx);
    }
};
exports.MaintenanceController = MaintenanceController;
__decorate([
    (0, policy_decorators_1.Roles)('viewer'),
    (0, common_1.Get)('settings/maintenance'),
    (0, swagger_1.ApiOkResponse)({ description: 'Effective maintenance settings, which keys are pinned, and the environment defaults' }),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Object)
], MaintenanceController.prototype, "get", null);
__decorate([
    (0, policy_decorators_1.Roles)('owner'),
    (0, common_1.Patch)('settings/maintenance'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, maintenance_settings_dto_1.UpdateMaintenanceSettingsDto]),
    __metadata("design:returntype", Promise)
], MaintenanceController.prototype, "update", null);
__decorate([
    (0, policy_decorators_1.Roles)('owner'),
    (0, common_1.Delete)('settings/maintenance'),
    (0, swagger_1.ApiOkResponse)({ description: 'Drops every pinned value; the environment defaults apply again' }),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], MaintenanceController.prototype, "reset", null);
__decorate([
    (0, policy_decorators_1.Roles)('operator'),
    (0, common_1.Post)('maintenance/run'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOkResponse)({ description: 'Runs one sweep now (or joins the one running) and returns its counts' }),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], MaintenanceController.prototype, "run", null);
exports.MaintenanceController = MaintenanceController = __decorate([
    (0, swagger_1.ApiTags)('maintenance'),
    (0, common_1.Controller)('api/admin'),
    __metadata("design:paramtypes", [maintenance_settings_service_1.MaintenanceSettingsService])
], MaintenanceController);
//# sourceMappingURL=maintenance.controller.js.map