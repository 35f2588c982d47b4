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
exports.RetryCommandDto = exports.ExecuteActionDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
class ExecuteActionDto {
    payload;
    confirmation;
}
exports.ExecuteActionDto = ExecuteActionDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, description: 'Validated against the action inputSchema.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'payload must be an object' }),
    __metadata("design:type", Object)
], ExecuteActionDto.prototype, "payload", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Required (true) for requiresConfirmation or HIGH actions.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)({ message: 'confirmation must be a boolean' }),
    __metadata("design:type", Boolean)
], ExecuteActionDto.prototype, "confirmation", void 0);
class RetryCommandDto {
    confirmation;
}
exports.RetryCommandDto = RetryCommandDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Required (true) when retrying a requiresConfirmation or HIGH action.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)({ message: 'confirmation must be a boolean' }),
    __metadata("design:type", Boolean)
], RetryCommandDto.prototype, "confirmation", void 0);
//# sourceMappingURL=execute-action.dto.js.map