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
exports.ActionDefinitionEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const capsule_service_entity_1 = require("./capsule-service.entity");
/** The action catalog of a service, upserted by name so ids stay stable across reports. */
let ActionDefinitionEntity = class ActionDefinitionEntity {
    id;
    workspaceId;
    serviceId;
    service;
    name;
    label;
    description;
    dangerLevel;
    requiresConfirmation;
    inputSchemaJson;
    resultSchemaJson;
    timeoutSeconds;
    enabled;
    hasPrepare;
    metadataJson;
    createdAt;
    updatedAt;
};
exports.ActionDefinitionEntity = ActionDefinitionEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "serviceId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => capsule_service_entity_1.CapsuleServiceEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'serviceId' }),
    __metadata("design:type", capsule_service_entity_1.CapsuleServiceEntity)
], ActionDefinitionEntity.prototype, "service", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "label", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ActionDefinitionEntity.prototype, "description", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'LOW' }),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "dangerLevel", void 0);
__decorate([
    (0, columns_1.BoolColumn)(false),
    __metadata("design:type", Boolean)
], ActionDefinitionEntity.prototype, "requiresConfirmation", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "inputSchemaJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "resultSchemaJson", void 0);
__decorate([
    (0, columns_1.IntColumn)({ nullable: true }),
    __metadata("design:type", Object)
], ActionDefinitionEntity.prototype, "timeoutSeconds", void 0);
__decorate([
    (0, columns_1.BoolColumn)(true),
    __metadata("design:type", Boolean)
], ActionDefinitionEntity.prototype, "enabled", void 0);
__decorate([
    (0, columns_1.BoolColumn)(false),
    __metadata("design:type", Boolean)
], ActionDefinitionEntity.prototype, "hasPrepare", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "metadataJson", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], ActionDefinitionEntity.prototype, "updatedAt", void 0);
exports.ActionDefinitionEntity = ActionDefinitionEntity = __decorate([
    (0, typeorm_1.Entity)('action_definitions'),
    (0, typeorm_1.Index)('uq_action_definitions_service_name', ['serviceId', 'name'], { unique: true })
], ActionDefinitionEntity);
//# sourceMappingURL=action-definition.entity.js.map