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
exports.ConfigItemEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const capsule_service_entity_1 = require("./capsule-service.entity");
/** Sensitive items never store `valuePreview`/`defaultValue`; `secretRef` is kept. */
let ConfigItemEntity = class ConfigItemEntity {
    id;
    workspaceId;
    serviceId;
    service;
    configKey;
    label;
    type;
    source;
    editable;
    sensitive;
    valuePreview;
    defaultValue;
    secretRef;
    description;
    metadataJson;
    createdAt;
    updatedAt;
};
exports.ConfigItemEntity = ConfigItemEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "serviceId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => capsule_service_entity_1.CapsuleServiceEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'serviceId' }),
    __metadata("design:type", capsule_service_entity_1.CapsuleServiceEntity)
], ConfigItemEntity.prototype, "service", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "configKey", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "label", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'string' }),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "type", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "source", void 0);
__decorate([
    (0, columns_1.BoolColumn)(false),
    __metadata("design:type", Boolean)
], ConfigItemEntity.prototype, "editable", void 0);
__decorate([
    (0, columns_1.BoolColumn)(false),
    __metadata("design:type", Boolean)
], ConfigItemEntity.prototype, "sensitive", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "valuePreview", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "defaultValue", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "secretRef", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], ConfigItemEntity.prototype, "description", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "metadataJson", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], ConfigItemEntity.prototype, "updatedAt", void 0);
exports.ConfigItemEntity = ConfigItemEntity = __decorate([
    (0, typeorm_1.Entity)('config_items'),
    (0, typeorm_1.Index)('uq_config_items_service_key', ['serviceId', 'configKey'], { unique: true })
], ConfigItemEntity);
//# sourceMappingURL=config-item.entity.js.map