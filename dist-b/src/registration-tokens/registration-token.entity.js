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
exports.RegistrationTokenEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let RegistrationTokenEntity = class RegistrationTokenEntity {
    id;
    workspaceId;
    name;
    tokenHash;
    status;
    /** Optional binding: only an agent with this code may use the token (decision 2). */
    agentCode;
    agentId;
    createdByUserId;
    expiresAt;
    usedAt;
    revokedAt;
    createdAt;
    updatedAt;
};
exports.RegistrationTokenEntity = RegistrationTokenEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.TextColumn)({ unique: true }),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "tokenHash", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'ACTIVE' }),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "agentCode", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "agentId", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "createdByUserId", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "expiresAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "usedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], RegistrationTokenEntity.prototype, "revokedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], RegistrationTokenEntity.prototype, "updatedAt", void 0);
exports.RegistrationTokenEntity = RegistrationTokenEntity = __decorate([
    (0, typeorm_1.Entity)('registration_tokens'),
    (0, typeorm_1.Index)('idx_registration_tokens_ws_status', ['workspaceId', 'status', 'createdAt']),
    (0, typeorm_1.Index)('idx_registration_tokens_expires', ['status', 'expiresAt'])
], RegistrationTokenEntity);
//# sourceMappingURL=registration-token.entity.js.map