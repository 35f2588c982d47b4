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
exports.SessionEntity = void 0;
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../users/user.entity");
const columns_1 = require("../database/columns");
/** Operator sessions live in the database (decision 6); only a hash of the cookie's id is stored. */
let SessionEntity = class SessionEntity {
    id;
    userId;
    user;
    idHash;
    csrfToken;
    expiresAt;
    ipAddress;
    userAgent;
    createdAt;
};
exports.SessionEntity = SessionEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], SessionEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], SessionEntity.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => user_entity_1.UserEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'userId' }),
    __metadata("design:type", user_entity_1.UserEntity)
], SessionEntity.prototype, "user", void 0);
__decorate([
    (0, columns_1.TextColumn)({ unique: true }),
    __metadata("design:type", String)
], SessionEntity.prototype, "idHash", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], SessionEntity.prototype, "csrfToken", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], SessionEntity.prototype, "expiresAt", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], SessionEntity.prototype, "ipAddress", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], SessionEntity.prototype, "userAgent", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], SessionEntity.prototype, "createdAt", void 0);
exports.SessionEntity = SessionEntity = __decorate([
    (0, typeorm_1.Entity)('sessions'),
    (0, typeorm_1.Index)('idx_sessions_user', ['userId']),
    (0, typeorm_1.Index)('idx_sessions_expires', ['expiresAt'])
], SessionEntity);
//# sourceMappingURL=session.entity.js.map