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
exports.PublishEventDto = exports.RoutePolicyDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
class RoutePolicyDto {
    dryRun;
}
exports.RoutePolicyDto = RoutePolicyDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Only record what the matching routes would do; create no command.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)({ message: 'routePolicy.dryRun must be a boolean' }),
    __metadata("design:type", Boolean)
], RoutePolicyDto.prototype, "dryRun", void 0);
/**
 * `POST /api/agents/:agentId/bus/events`. Mirrors sdk/src/protocol.ts `BusEventRequest` (the bus
 * e2e spec sends bodies typed with that interface, so drift shows up there).
 */
class PublishEventDto {
    eventType;
    sourceServiceCode;
    payload;
    metadata;
    correlationId;
    causationId;
    occurredAt;
    routePolicy;
}
exports.PublishEventDto = PublishEventDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'demo.item.created' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    (0, class_validator_1.Matches)(/\S/, { message: 'eventType must not be blank' }),
    __metadata("design:type", String)
], PublishEventDto.prototype, "eventType", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Code of a service owned by the calling agent.' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], PublishEventDto.prototype, "sourceServiceCode", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, description: 'Key-redacted before storage.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'payload must be an object' }),
    __metadata("design:type", Object)
], PublishEventDto.prototype, "payload", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, description: 'Key-redacted before storage.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'metadata must be an object' }),
    __metadata("design:type", Object)
], PublishEventDto.prototype, "metadata", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)(),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], PublishEventDto.prototype, "correlationId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Id (bev_…) of the stored event that caused this one; sets the depth.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(64),
    __metadata("design:type", String)
], PublishEventDto.prototype, "causationId", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'ISO-8601; default now.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' }),
    __metadata("design:type", String)
], PublishEventDto.prototype, "occurredAt", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: RoutePolicyDto }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => RoutePolicyDto),
    __metadata("design:type", RoutePolicyDto)
], PublishEventDto.prototype, "routePolicy", void 0);
//# sourceMappingURL=publish-event.dto.js.map