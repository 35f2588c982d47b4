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
exports.AuditEventEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let AuditEventEntity = class AuditEventEntity {
    id;
    workspaceId;
    actorType;
    actorId;
    action;
    targetType;
    targetId;
    result;
    message;
    ipAddress;
    userAgent;
    metadataJson;
    createdAt;
};
exports.AuditEventEntity = AuditEventEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "actorType", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "actorId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "action", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetType", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "result", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "message", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "ipAddress", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "userAgent", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "metadataJson", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "createdAt", void 0);
exports.AuditEventEntity = AuditEventEntity = __decorate([
    (0, typeorm_1.Entity)('audit_events'),
    (0, typeorm_1.Index)('idx_audit_ws_created', ['workspaceId', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_actor', ['actorType', 'actorId', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_target', ['targetType', 'targetId', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_action_created', ['action', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_created', ['createdAt'])
    // List filters: workspaceId leads so the COUNT(*) of a filtered list is a covering index scan.
    ,
    (0, typeorm_1.Index)('idx_audit_ws_action_actor_created', ['workspaceId', 'action', 'actorType', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_ws_result_created', ['workspaceId', 'result', 'createdAt']),
    (0, typeorm_1.Index)('idx_audit_ws_actor_type_created', ['workspaceId', 'actorType', 'createdAt'])
], AuditEventEntity);
//# sourceMappingURL=audit-event.entity.js.map