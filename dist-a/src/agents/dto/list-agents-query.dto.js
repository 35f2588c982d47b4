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
exports.ListAgentsQueryDto = exports.AGENT_STATUSES = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const pagination_dto_1 = require("../../common/http/pagination.dto");
exports.AGENT_STATUSES = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
class ListAgentsQueryDto extends pagination_dto_1.PaginationQueryDto {
    /** Effective status (decision 15). */
    status;
    /** Case-insensitive substring of code or name. */
    q;
}
exports.ListAgentsQueryDto = ListAgentsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.AGENT_STATUSES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.AGENT_STATUSES),
    __metadata("design:type", String)
], ListAgentsQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minLength: 1, maxLength: 120 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(120),
    __metadata("design:type", String)
], ListAgentsQueryDto.prototype, "q", void 0);
//# sourceMappingURL=list-agents-query.dto.js.map