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
exports.ActionsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const action_execution_service_1 = require("./action-execution.service");
const execute_action_dto_1 = require("./dto/execute-action.dto");
const http_helpers_1 = require("./http-helpers");
let ActionsController = class ActionsController {
    actions;
    constructor(actions) {
        this.actions = actions;
    }
    /** The catalog entry only; no command, no side effects. */
    definition(ctx, serviceId, actionName) {
        return this.actions.definition(ctx, serviceId, actionName);
    }
    prepare(ctx, serviceId, actionName, res) {
        return this.actions.prepare(ctx, serviceId, actionName, (0, http_helpers_1.userIdOf)(ctx), (0, http_helpers_1.closeSignal)(res));
    }
    execute(ctx, serviceId, actionName, body) {
        return this.actions.execute(ctx, serviceId, actionName, (0, http_helpers_1.userIdOf)(ctx), body.payload, body.confirmation);
    }
};
exports.ActionsController = ActionsController;
__decorate([
    (0, common_1.Get)(':actionName'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __param(2, (0, common_1.Param)('actionName')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, String]),
    __metadata("design:returntype", void 0)
], ActionsController.prototype, "definition", null);
__decorate([
    (0, common_1.Post)(':actionName/prepare'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __param(2, (0, common_1.Param)('actionName')),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, String, Object]),
    __metadata("design:returntype", void 0)
], ActionsController.prototype, "prepare", null);
__decorate([
    (0, common_1.Post)(':actionName'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('serviceId')),
    __param(2, (0, common_1.Param)('actionName')),
    __param(3, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, String, execute_action_dto_1.ExecuteActionDto]),
    __metadata("design:returntype", void 0)
], ActionsController.prototype, "execute", null);
exports.ActionsController = ActionsController = __decorate([
    (0, swagger_1.ApiTags)('actions'),
    (0, common_1.Controller)('api/admin/capsule-services/:serviceId/actions'),
    __metadata("design:paramtypes", [action_execution_service_1.ActionExecutionService])
], ActionsController);
//# sourceMappingURL=actions.controller.js.map