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
exports.CommandResultDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
/** REF's result body; `startedAt`/`finishedAt` are kept for reference, the server clock decides. */
class CommandResultDto {
    success;
    message;
    data;
    /** `{code, message, details}`; a non-string code falls back to ACTION_FAILED as in REF, so the shape is checked loosely. */
    error;
    startedAt;
    finishedAt;
}
exports.CommandResultDto = CommandResultDto;
__decorate([
    (0, swagger_1.ApiProperty)(),
    (0, class_validator_1.IsDefined)({ message: 'success is required' }),
    (0, class_validator_1.IsBoolean)({ message: 'success must be a boolean' }),
    __metadata("design:type", Boolean)
], CommandResultDto.prototype, "success", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)({ message: 'message must be a string' }),
    __metadata("design:type", String)
], CommandResultDto.prototype, "message", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'data must be an object' }),
    __metadata("design:type", Object)
], CommandResultDto.prototype, "data", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, example: { code: 'ACTION_FAILED', message: 'why', details: {} } }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'error must be an object' }),
    __metadata("design:type", Object)
], CommandResultDto.prototype, "error", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'startedAt must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], CommandResultDto.prototype, "startedAt", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'finishedAt must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], CommandResultDto.prototype, "finishedAt", void 0);
//# sourceMappingURL=command-result.dto.js.map