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
exports.ServiceReportDto = exports.HeartbeatDto = exports.RegisterAgentDto = exports.AgentIdentityDto = exports.ReportedServiceDto = exports.ActionInputDto = exports.ConfigInputDto = exports.HealthInputDto = exports.CODE_MESSAGE = exports.CODE_PATTERN = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
/** Service and agent codes (sdk-ui-ops §A.7). */
exports.CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
exports.CODE_MESSAGE = 'code must match ^[a-z0-9][a-z0-9_-]*$';
const HEALTH = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
const DANGER = ['LOW', 'MEDIUM', 'HIGH'];
/**
 * Wire DTOs of the agent API, mirroring sdk/src/protocol.ts (the e2e specs type their requests with
 * those interfaces, so drift shows up there). Design-only fields the
 * reference SDK may send (sdk-ui-ops §B.2–B.4) are declared so they are accepted, not 422.
 */
class HealthInputDto {
    status;
    message;
    details;
    checkedAt;
    dependencies;
}
exports.HealthInputDto = HealthInputDto;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: HEALTH }),
    (0, class_validator_1.IsIn)(HEALTH),
    __metadata("design:type", String)
], HealthInputDto.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    __metadata("design:type", String)
], HealthInputDto.prototype, "message", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], HealthInputDto.prototype, "details", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], HealthInputDto.prototype, "checkedAt", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    __metadata("design:type", Array)
], HealthInputDto.prototype, "dependencies", void 0);
class ConfigInputDto {
    key;
    label;
    type;
    source;
    editable;
    sensitive;
    valuePreview;
    defaultValue;
    secretRef;
    description;
    /** Design fields: accepted and dropped (currentValue is never stored, it may be a secret). */
    currentValue;
    required;
    options;
    validation;
    metadata;
}
exports.ConfigInputDto = ConfigInputDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "key", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "label", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "type", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "source", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ConfigInputDto.prototype, "editable", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ConfigInputDto.prototype, "sensitive", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(4000),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "valuePreview", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(4000),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "defaultValue", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "secretRef", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    __metadata("design:type", String)
], ConfigInputDto.prototype, "description", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    __metadata("design:type", Object)
], ConfigInputDto.prototype, "currentValue", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ConfigInputDto.prototype, "required", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    __metadata("design:type", Object)
], ConfigInputDto.prototype, "options", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    __metadata("design:type", Object)
], ConfigInputDto.prototype, "validation", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ConfigInputDto.prototype, "metadata", void 0);
class ActionInputDto {
    name;
    label;
    description;
    dangerLevel;
    requiresConfirmation;
    category;
    order;
    inputSchema;
    timeoutSeconds;
    /** Reported `enabled: false` hides the action (REF ignored it). */
    enabled;
    hasPrepare;
    resultSchema;
    outputSchema;
    metadata;
}
exports.ActionInputDto = ActionInputDto;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(128),
    __metadata("design:type", String)
], ActionInputDto.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ActionInputDto.prototype, "label", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    __metadata("design:type", String)
], ActionInputDto.prototype, "description", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: DANGER, default: 'LOW' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(DANGER),
    __metadata("design:type", Object)
], ActionInputDto.prototype, "dangerLevel", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ActionInputDto.prototype, "requiresConfirmation", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], ActionInputDto.prototype, "category", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsNumber)(),
    __metadata("design:type", Number)
], ActionInputDto.prototype, "order", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ActionInputDto.prototype, "inputSchema", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Number)
], ActionInputDto.prototype, "timeoutSeconds", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ActionInputDto.prototype, "enabled", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], ActionInputDto.prototype, "hasPrepare", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ActionInputDto.prototype, "resultSchema", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ActionInputDto.prototype, "outputSchema", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ActionInputDto.prototype, "metadata", void 0);
class ReportedServiceDto {
    code;
    name;
    description;
    version;
    /** Free text: REF's contract lists nodejs|java|python|go|other but stores anything. */
    runtime;
    /** Stored key-redacted; extra fields kept (forward compatibility). */
    manifest;
    health;
    configs;
    actions;
    /** OpHub extras (also read from the manifest when absent here). */
    capabilities;
    events;
}
exports.ReportedServiceDto = ReportedServiceDto;
__decorate([
    (0, swagger_1.ApiProperty)({ pattern: exports.CODE_PATTERN.source, maxLength: 80 }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    (0, class_validator_1.Matches)(exports.CODE_PATTERN, { message: exports.CODE_MESSAGE }),
    __metadata("design:type", String)
], ReportedServiceDto.prototype, "code", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ReportedServiceDto.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(2000),
    __metadata("design:type", String)
], ReportedServiceDto.prototype, "description", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], ReportedServiceDto.prototype, "version", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], ReportedServiceDto.prototype, "runtime", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'object', additionalProperties: true }),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], ReportedServiceDto.prototype, "manifest", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => HealthInputDto),
    __metadata("design:type", HealthInputDto)
], ReportedServiceDto.prototype, "health", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(500),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => ConfigInputDto),
    __metadata("design:type", Array)
], ReportedServiceDto.prototype, "configs", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(500),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => ActionInputDto),
    __metadata("design:type", Array)
], ReportedServiceDto.prototype, "actions", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    __metadata("design:type", Array)
], ReportedServiceDto.prototype, "capabilities", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    __metadata("design:type", Array)
], ReportedServiceDto.prototype, "events", void 0);
class AgentIdentityDto {
    code;
    name;
    mode;
    runtime;
    version;
    hostname;
    sdkVersion;
}
exports.AgentIdentityDto = AgentIdentityDto;
__decorate([
    (0, swagger_1.ApiProperty)({ pattern: exports.CODE_PATTERN.source, maxLength: 80 }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(80),
    (0, class_validator_1.Matches)(exports.CODE_PATTERN, { message: exports.CODE_MESSAGE }),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "code", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: ['embedded', 'ophub'], default: 'embedded' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(['embedded', 'ophub']),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "mode", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "runtime", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "version", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(255),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "hostname", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(80),
    __metadata("design:type", String)
], AgentIdentityDto.prototype, "sdkVersion", void 0);
class RegisterAgentDto {
    registrationToken;
    agent;
    service;
}
exports.RegisterAgentDto = RegisterAgentDto;
__decorate([
    (0, swagger_1.ApiProperty)({ description: 'opstage_reg_…' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], RegisterAgentDto.prototype, "registrationToken", void 0);
__decorate([
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => AgentIdentityDto),
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", AgentIdentityDto)
], RegisterAgentDto.prototype, "agent", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => ReportedServiceDto),
    __metadata("design:type", ReportedServiceDto)
], RegisterAgentDto.prototype, "service", void 0);
class HeartbeatDto {
    serviceId;
    health;
}
exports.HeartbeatDto = HeartbeatDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^svc_/, { message: 'serviceId must start with svc_' }),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], HeartbeatDto.prototype, "serviceId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => HealthInputDto),
    __metadata("design:type", HealthInputDto)
], HeartbeatDto.prototype, "health", void 0);
class ServiceReportDto {
    services;
}
exports.ServiceReportDto = ServiceReportDto;
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMinSize)(1),
    (0, class_validator_1.ArrayMaxSize)(100),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => ReportedServiceDto),
    __metadata("design:type", Array)
], ServiceReportDto.prototype, "services", void 0);
//# sourceMappingURL=reported-service.dto.js.map