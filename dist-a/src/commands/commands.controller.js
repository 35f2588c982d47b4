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
exports.CommandsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const command_queries_service_1 = require("./command-queries.service");
const commands_service_1 = require("./commands.service");
const execute_action_dto_1 = require("./dto/execute-action.dto");
const list_commands_query_dto_1 = require("./dto/list-commands-query.dto");
const http_helpers_1 = require("./http-helpers");
let CommandsController = class CommandsController {
    queries;
    commands;
    constructor(queries, commands) {
        this.queries = queries;
        this.commands = commands;
    }
    list(ctx, query) {
        return this.queries.list(ctx, query);
    }
    /** Reveals one-time result fields to the first operator/owner reader (decision 9). */
    detail(ctx, commandId) {
        return this.queries.detail(ctx, commandId);
    }
    cancel(ctx, commandId) {
        return this.commands.cancel(ctx, commandId);
    }
    retry(ctx, commandId, body) {
        return this.commands.retry(ctx, commandId, body.confirmation, (0, http_helpers_1.userIdOf)(ctx));
    }
};
exports.CommandsController = CommandsController;
__decorate([
    (0, common_1.Get)(),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, list_commands_query_dto_1.ListCommandsQueryDto]),
    __metadata("design:returntype", void 0)
], CommandsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':commandId'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('commandId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", void 0)
], CommandsController.prototype, "detail", null);
__decorate([
    (0, common_1.Post)(':commandId/cancel'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('commandId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", void 0)
], CommandsController.prototype, "cancel", null);
__decorate([
    (0, common_1.Post)(':commandId/retry'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('commandId')),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, execute_action_dto_1.RetryCommandDto]),
    __metadata("design:returntype", void 0)
], CommandsController.prototype, "retry", null);
exports.CommandsController = CommandsController = __decorate([
    (0, swagger_1.ApiTags)('commands'),
    (0, common_1.Controller)('api/admin/commands'),
    __metadata("design:paramtypes", [command_queries_service_1.CommandQueriesService,
        commands_service_1.CommandsService])
], CommandsController);
//# sourceMappingURL=commands.controller.js.map