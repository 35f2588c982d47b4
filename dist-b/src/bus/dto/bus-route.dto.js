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
exports.BusRouteDto = exports.RouteTargetDto = exports.RouteMatchDto = exports.BUS_ROUTE_STATUSES = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
exports.BUS_ROUTE_STATUSES = ['ENABLED', 'DISABLED', 'DRY_RUN'];
class RouteMatchDto {
    eventType;
    sourceServiceCode;
}
exports.RouteMatchDto = RouteMatchDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'demo.item.created', description: 'Exact event type.' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    (0, class_validator_1.Matches)(/\S/, { message: 'match.eventType must not be blank' }),
    __metadata("design:type", String)
], RouteMatchDto.prototype, "eventType", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ nullable: true, description: 'Only events from this service; absent or null = any source.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", Object)
], RouteMatchDto.prototype, "sourceServiceCode", void 0);
class RouteTargetDto {
    serviceCode;
    actionName;
}
exports.RouteTargetDto = RouteTargetDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'Code of the service whose action runs.' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], RouteTargetDto.prototype, "serviceCode", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(128),
    __metadata("design:type", String)
], RouteTargetDto.prototype, "actionName", void 0);
/** Body of `POST /api/admin/bus/routes` and `PUT /api/admin/bus/routes/:routeId` (backend.md §4.14). */
class BusRouteDto {
    name;
    description;
    status;
    match;
    target;
    inputMapping;
    metadata;
}
exports.BusRouteDto = BusRouteDto;
__decorate([
    (0, swagger_1.ApiProperty)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    (0, class_validator_1.Matches)(/\S/, { message: 'name must not be blank' }),
    __metadata("design:type", String)
], BusRouteDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ nullable: true }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    __metadata("design:type", Object)
], BusRouteDto.prototype, "description", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.BUS_ROUTE_STATUSES, default: 'DISABLED' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.BUS_ROUTE_STATUSES, { message: `status must be one of ${exports.BUS_ROUTE_STATUSES.join(', ')}` }),
    __metadata("design:type", String)
], BusRouteDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: RouteMatchDto }),
    (0, class_validator_1.IsObject)({ message: 'match must be an object' }),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => RouteMatchDto),
    __metadata("design:type", RouteMatchDto)
], BusRouteDto.prototype, "match", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: RouteTargetDto }),
    (0, class_validator_1.IsObject)({ message: 'target must be an object' }),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => RouteTargetDto),
    __metadata("design:type", RouteTargetDto)
], BusRouteDto.prototype, "target", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        type: 'object',
        additionalProperties: true,
        description: 'Action payload template: { "<field>": "$.payload.path" | literal } (README.md ("Capsule Bus")). On PUT, absent = keep.',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'inputMapping must be an object' }),
    __metadata("design:type", Object)
], BusRouteDto.prototype, "inputMapping", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: 'object', additionalProperties: true, description: 'Free-form; key-redacted. On PUT, absent = keep.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)({ message: 'metadata must be an object' }),
    __metadata("design:type", Object)
], BusRouteDto.prototype, "metadata", void 0);
//# sourceMappingURL=bus-route.dto.js.map