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
exports.UpdateMaintenanceSettingsDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
/** `0` switches the feature off; anything else must be at least `min` (a 1 s sweep would hammer SQLite). */
function ZeroOrAtLeast(min, options) {
    return (0, class_validator_1.ValidateBy)({
        name: 'zeroOrAtLeast',
        constraints: [min],
        validator: {
            validate: (value) => typeof value === 'number' && (value === 0 || value >= min),
            defaultMessage: () => `must be 0 (off) or at least ${min}`,
        },
    }, options);
}
/** Partial update of the runtime maintenance settings (owner only); ranges per the bad-input list. */
class UpdateMaintenanceSettingsDto {
    agentOfflineThresholdSeconds;
    maintenanceIntervalSeconds;
    auditRetentionDays;
    commandRetentionDays;
    healthReportsKeep;
}
exports.UpdateMaintenanceSettingsDto = UpdateMaintenanceSettingsDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 5, maximum: 2592000, description: 'Heartbeat age after which an agent counts as offline' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(5),
    (0, class_validator_1.Max)(2_592_000),
    __metadata("design:type", Number)
], UpdateMaintenanceSettingsDto.prototype, "agentOfflineThresholdSeconds", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Sweep period in seconds; 0 = off, otherwise at least 5' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    ZeroOrAtLeast(5),
    (0, class_validator_1.Max)(86_400),
    __metadata("design:type", Number)
], UpdateMaintenanceSettingsDto.prototype, "maintenanceIntervalSeconds", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 0, maximum: 3650, description: 'Days of audit kept; 0 = keep forever' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(3650),
    __metadata("design:type", Number)
], UpdateMaintenanceSettingsDto.prototype, "auditRetentionDays", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 0, maximum: 3650, description: 'Days finished commands, revoked agent tokens and bus events are kept; 0 = keep' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(3650),
    __metadata("design:type", Number)
], UpdateMaintenanceSettingsDto.prototype, "commandRetentionDays", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 10000, description: 'Health reports kept per service' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(10_000),
    __metadata("design:type", Number)
], UpdateMaintenanceSettingsDto.prototype, "healthReportsKeep", void 0);
//# sourceMappingURL=maintenance-settings.dto.js.map