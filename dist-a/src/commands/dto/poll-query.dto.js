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
exports.PollCommandsQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const toNumber = ({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
/** `limit` 1..10 (default 10), `waitSeconds` 0..30 (default 0 = REF's immediate answer); garbage is 422. */
class PollCommandsQueryDto {
    limit;
    waitSeconds;
}
exports.PollCommandsQueryDto = PollCommandsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 10, default: 10 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toNumber),
    (0, class_validator_1.IsInt)({ message: 'limit must be an integer' }),
    (0, class_validator_1.Min)(1, { message: 'limit must be between 1 and 10' }),
    (0, class_validator_1.Max)(10, { message: 'limit must be between 1 and 10' }),
    __metadata("design:type", Number)
], PollCommandsQueryDto.prototype, "limit", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 0, maximum: 30, default: 0 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toNumber),
    (0, class_validator_1.IsInt)({ message: 'waitSeconds must be an integer' }),
    (0, class_validator_1.Min)(0, { message: 'waitSeconds must be between 0 and 30' }),
    (0, class_validator_1.Max)(30, { message: 'waitSeconds must be between 0 and 30' }),
    __metadata("design:type", Number)
], PollCommandsQueryDto.prototype, "waitSeconds", void 0);
//# sourceMappingURL=poll-query.dto.js.map