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
exports.AuditQueryDto = exports.AUDIT_EXPORT_FORMATS = exports.AUDIT_RESULTS = exports.AUDIT_ACTOR_TYPES = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const pagination_dto_1 = require("../../common/http/pagination.dto");
exports.AUDIT_ACTOR_TYPES = ['USER', 'AGENT', 'SYSTEM'];
exports.AUDIT_RESULTS = ['SUCCESS', 'FAILURE'];
exports.AUDIT_EXPORT_FORMATS = ['json', 'csv'];
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
/** REF accepts anything `Date.parse` understands and normalises it to ISO; the rest stays and fails the check. */
const toIso = ({ value }) => {
    if (typeof value !== 'string')
        return value;
    const ms = Date.parse(value.trim());
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
};
/** Filters of the audit list and export (backend.md §3.4); `format` is accepted and ignored by the list, as in REF. */
class AuditQueryDto extends pagination_dto_1.PaginationQueryDto {
    actorType;
    result;
    action;
    targetType;
    targetId;
    from;
    to;
    format;
}
exports.AuditQueryDto = AuditQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.AUDIT_ACTOR_TYPES }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.AUDIT_ACTOR_TYPES),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "actorType", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.AUDIT_RESULTS }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.AUDIT_RESULTS),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "result", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Exact action name', maxLength: 160 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(160),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "action", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ maxLength: 120 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(120),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "targetType", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ maxLength: 160 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(trim),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(160),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "targetId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Inclusive lower bound on createdAt (any date Date.parse accepts)' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toIso),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'from must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Inclusive upper bound on createdAt' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toIso),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'to must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.AUDIT_EXPORT_FORMATS, default: 'json' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.AUDIT_EXPORT_FORMATS),
    __metadata("design:type", String)
], AuditQueryDto.prototype, "format", void 0);
//# sourceMappingURL=audit-query.dto.js.map