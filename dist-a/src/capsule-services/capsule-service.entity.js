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
exports.CapsuleServiceEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const agent_entity_1 = require("../agents/agent.entity");
let CapsuleServiceEntity = class CapsuleServiceEntity {
    id;
    workspaceId;
    agentId;
    agent;
    code;
    name;
    description;
    version;
    runtime;
    status;
    healthStatus;
    healthMessage;
    /** Key-redacted manifest JSON. */
    manifestJson;
    /** OpHub extras, kept as reported (redacted). */
    capabilitiesJson;
    eventsJson;
    /** Hash of manifest + catalog + configs, so `service.reported` is audited only on change (decision 21). */
    reportFingerprint;
    lastReportedAt;
    lastHealthAt;
    createdAt;
    updatedAt;
};
exports.CapsuleServiceEntity = CapsuleServiceEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => agent_entity_1.AgentEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'agentId' }),
    __metadata("design:type", agent_entity_1.AgentEntity)
], CapsuleServiceEntity.prototype, "agent", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "code", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "description", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "version", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "runtime", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'UNKNOWN' }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'UNKNOWN' }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "healthStatus", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "healthMessage", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "manifestJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '[]' }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "capabilitiesJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '[]' }),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "eventsJson", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "reportFingerprint", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "lastReportedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CapsuleServiceEntity.prototype, "lastHealthAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CapsuleServiceEntity.prototype, "updatedAt", void 0);
exports.CapsuleServiceEntity = CapsuleServiceEntity = __decorate([
    (0, typeorm_1.Entity)('capsule_services'),
    (0, typeorm_1.Index)('uq_capsule_services_ws_code', ['workspaceId', 'code'], { unique: true }),
    (0, typeorm_1.Index)('idx_capsule_services_ws_created', ['workspaceId', 'createdAt']),
    (0, typeorm_1.Index)('idx_capsule_services_agent', ['agentId']),
    (0, typeorm_1.Index)('idx_capsule_services_health', ['workspaceId', 'healthStatus'])
], CapsuleServiceEntity);
//# sourceMappingURL=capsule-service.entity.js.map