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
exports.SystemSettingEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let SystemSettingEntity = class SystemSettingEntity {
    id;
    workspaceId;
    key;
    valueJson;
    createdAt;
    updatedAt;
};
exports.SystemSettingEntity = SystemSettingEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], SystemSettingEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "key", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "valueJson", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], SystemSettingEntity.prototype, "updatedAt", void 0);
exports.SystemSettingEntity = SystemSettingEntity = __decorate([
    (0, typeorm_1.Entity)('system_settings'),
    (0, typeorm_1.Index)('uq_system_settings_ws_key', ['workspaceId', 'key'], { unique: true })
], SystemSettingEntity);
//# sourceMappingURL=system-setting.entity.js.map