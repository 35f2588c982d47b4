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
exports.ReassignServiceDto = exports.ListServicesQueryDto = exports.HEALTH_STATUSES = exports.SERVICE_STATUSES = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const pagination_dto_1 = require("../../common/http/pagination.dto");
exports.SERVICE_STATUSES = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE'];
exports.HEALTH_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
class ListServicesQueryDto extends pagination_dto_1.PaginationQueryDto {
    /** Effective status, computed in SQL (decision 15). */
    status;
    healthStatus;
    agentId;
    q;
}
exports.ListServicesQueryDto = ListServicesQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.SERVICE_STATUSES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.SERVICE_STATUSES),
    __metadata("design:type", String)
], ListServicesQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.HEALTH_STATUSES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.HEALTH_STATUSES),
    __metadata("design:type", String)
], ListServicesQueryDto.prototype, "healthStatus", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^agt_/, { message: 'agentId must start with agt_' }),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], ListServicesQueryDto.prototype, "agentId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minLength: 1, maxLength: 120 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(120),
    __metadata("design:type", String)
], ListServicesQueryDto.prototype, "q", void 0);
class ReassignServiceDto {
    agentId;
}
exports.ReassignServiceDto = ReassignServiceDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^agt_[A-Za-z0-9_-]{1,36}$/, { message: 'agentId must start with agt_' }),
    __metadata("design:type", String)
], ReassignServiceDto.prototype, "agentId", void 0);
//# sourceMappingURL=list-services-query.dto.js.map