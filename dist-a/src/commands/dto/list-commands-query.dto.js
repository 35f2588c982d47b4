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
exports.ListCommandsQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const pagination_dto_1 = require("../../common/http/pagination.dto");
const command_state_1 = require("../command-state");
class ListCommandsQueryDto extends pagination_dto_1.PaginationQueryDto {
    status;
    type;
    actionName;
    agentId;
    serviceId;
    createdByUserId;
    from;
    to;
}
exports.ListCommandsQueryDto = ListCommandsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: command_state_1.COMMAND_STATUSES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(command_state_1.COMMAND_STATUSES, { message: `status must be one of ${command_state_1.COMMAND_STATUSES.join(', ')}` }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: command_state_1.COMMAND_TYPES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(command_state_1.COMMAND_TYPES, { message: `type must be one of ${command_state_1.COMMAND_TYPES.join(', ')}` }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "type", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 128),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "actionName", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^agt_/, { message: 'agentId must start with agt_' }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "agentId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^svc_/, { message: 'serviceId must start with svc_' }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "serviceId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^usr_/, { message: 'createdByUserId must start with usr_' }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "createdByUserId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Inclusive lower bound on createdAt (ISO-8601).' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({}, { message: 'from must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Inclusive upper bound on createdAt (ISO-8601).' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({}, { message: 'to must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], ListCommandsQueryDto.prototype, "to", void 0);
//# sourceMappingURL=list-commands-query.dto.js.map