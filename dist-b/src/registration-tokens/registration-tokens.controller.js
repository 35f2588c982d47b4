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
exports.RegistrationTokensController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const registration_token_dto_1 = require("./dto/registration-token.dto");
const registration_tokens_service_1 = require("./registration-tokens.service");
let RegistrationTokensController = class RegistrationTokensController {
    tokens;
    constructor(tokens) {
        this.tokens = tokens;
    }
    create(ctx, dto) {
        return this.tokens.create(ctx, dto);
    }
    list(ctx, query) {
        return this.tokens.list(ctx, query);
    }
    revoke(ctx, tokenId) {
        return this.tokens.revoke(ctx, tokenId);
    }
    remove(ctx, tokenId) {
        return this.tokens.delete(ctx, tokenId);
    }
};
exports.RegistrationTokensController = RegistrationTokensController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, registration_token_dto_1.CreateRegistrationTokenDto]),
    __metadata("design:returntype", Promise)
], RegistrationTokensController.prototype, "create", null);
__decorate([
    (0, common_1.Get)(),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, registration_token_dto_1.ListRegistrationTokensQueryDto]),
    __metadata("design:returntype", Promise)
], RegistrationTokensController.prototype, "list", null);
__decorate([
    (0, common_1.Post)(':tokenId/revoke'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('tokenId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], RegistrationTokensController.prototype, "revoke", null);
__decorate([
    (0, common_1.Delete)(':tokenId'),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('tokenId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", Promise)
], RegistrationTokensController.prototype, "remove", null);
exports.RegistrationTokensController = RegistrationTokensController = __decorate([
    (0, swagger_1.ApiTags)('registration-tokens'),
    (0, common_1.Controller)('api/admin/registration-tokens'),
    __metadata("design:paramtypes", [registration_tokens_service_1.RegistrationTokensService])
], RegistrationTokensController);
//# sourceMappingURL=registration-tokens.controller.js.map