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
exports.WorkspaceEntity = exports.DEFAULT_WORKSPACE_ID = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
exports.DEFAULT_WORKSPACE_ID = 'wks_default';
let WorkspaceEntity = class WorkspaceEntity {
    id;
    code;
    name;
    status;
    createdAt;
    updatedAt;
};
exports.WorkspaceEntity = WorkspaceEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.TextColumn)({ unique: true }),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "code", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'ACTIVE' }),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], WorkspaceEntity.prototype, "updatedAt", void 0);
exports.WorkspaceEntity = WorkspaceEntity = __decorate([
    (0, typeorm_1.Entity)('workspaces')
], WorkspaceEntity);
//# sourceMappingURL=workspace.entity.js.map