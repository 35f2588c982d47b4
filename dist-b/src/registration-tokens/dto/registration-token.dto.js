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
exports.ListRegistrationTokensQueryDto = exports.TOKEN_STATUSES = exports.CreateRegistrationTokenDto = exports.CODE_PATTERN = exports.MAX_TOKEN_TTL_SECONDS = exports.DEFAULT_TOKEN_TTL_SECONDS = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const pagination_dto_1 = require("../../common/http/pagination.dto");
exports.DEFAULT_TOKEN_TTL_SECONDS = 86_400;
exports.MAX_TOKEN_TTL_SECONDS = 2_592_000;
exports.CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
class CreateRegistrationTokenDto {
    name;
    /** Default 24 h; at most 30 days; `null` only when explicitly sent = never expires (decision 23). */
    expiresInSeconds;
    /** Binds the token to one agent code (decision 2). */
    agentCode;
}
exports.CreateRegistrationTokenDto = CreateRegistrationTokenDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ default: 'Default registration token', maxLength: 200 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], CreateRegistrationTokenDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 60, maximum: exports.MAX_TOKEN_TTL_SECONDS, default: exports.DEFAULT_TOKEN_TTL_SECONDS, nullable: true }),
    (0, class_validator_1.ValidateIf)((_o, v) => v !== null && v !== undefined),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(60),
    (0, class_validator_1.Max)(exports.MAX_TOKEN_TTL_SECONDS),
    __metadata("design:type", Object)
], CreateRegistrationTokenDto.prototype, "expiresInSeconds", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ maxLength: 80 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    (0, class_validator_1.Matches)(exports.CODE_PATTERN, { message: 'agentCode must match ^[a-z0-9][a-z0-9_-]*$' }),
    __metadata("design:type", String)
], CreateRegistrationTokenDto.prototype, "agentCode", void 0);
exports.TOKEN_STATUSES = ['ACTIVE', 'USED', 'REVOKED', 'EXPIRED'];
class ListRegistrationTokensQueryDto extends pagination_dto_1.PaginationQueryDto {
    status;
}
exports.ListRegistrationTokensQueryDto = ListRegistrationTokensQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.TOKEN_STATUSES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.TOKEN_STATUSES),
    __metadata("design:type", String)
], ListRegistrationTokensQueryDto.prototype, "status", void 0);
//# sourceMappingURL=registration-token.dto.js.map