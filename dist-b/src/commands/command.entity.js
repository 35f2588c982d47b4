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
exports.CommandEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const agent_entity_1 = require("../agents/agent.entity");
const capsule_service_entity_1 = require("../capsule-services/capsule-service.entity");
let CommandEntity = class CommandEntity {
    id;
    workspaceId;
    agentId;
    agent;
    serviceId;
    service;
    type;
    actionName;
    status;
    /** Readable payload: sensitive fields hold `[REDACTED]`. */
    payloadJson;
    /** AES-GCM sealed copy of the sensitive payload fields, wiped at a terminal state (decision 8). */
    sealedPayload;
    createdByUserId;
    /** `USER`, `BUS_ROUTE` or `EXTENSION`, with the id of that actor. */
    createdByType;
    createdById;
    retryOfCommandId;
    errorCode;
    errorMessage;
    createdAt;
    updatedAt;
    startedAt;
    completedAt;
    expiresAt;
    /** Set when a cancelled RUNNING command's id was handed to its agent (decision 17). */
    cancelNotifiedAt;
};
exports.CommandEntity = CommandEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], CommandEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => agent_entity_1.AgentEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'agentId' }),
    __metadata("design:type", agent_entity_1.AgentEntity)
], CommandEntity.prototype, "agent", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "serviceId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => capsule_service_entity_1.CapsuleServiceEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'serviceId' }),
    __metadata("design:type", capsule_service_entity_1.CapsuleServiceEntity)
], CommandEntity.prototype, "service", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'ACTION_EXECUTE' }),
    __metadata("design:type", String)
], CommandEntity.prototype, "type", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "actionName", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'PENDING' }),
    __metadata("design:type", String)
], CommandEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], CommandEntity.prototype, "payloadJson", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "sealedPayload", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "createdByUserId", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'USER' }),
    __metadata("design:type", String)
], CommandEntity.prototype, "createdByType", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "createdById", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "retryOfCommandId", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "errorCode", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "errorMessage", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CommandEntity.prototype, "updatedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "startedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "completedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "expiresAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandEntity.prototype, "cancelNotifiedAt", void 0);
exports.CommandEntity = CommandEntity = __decorate([
    (0, typeorm_1.Entity)('commands'),
    (0, typeorm_1.Index)('idx_commands_ws_created', ['workspaceId', 'createdAt']),
    (0, typeorm_1.Index)('idx_commands_ws_status', ['workspaceId', 'status']),
    (0, typeorm_1.Index)('idx_commands_agent_status', ['agentId', 'status', 'createdAt']),
    (0, typeorm_1.Index)('idx_commands_service_created', ['serviceId', 'createdAt']),
    (0, typeorm_1.Index)('idx_commands_status_expires', ['status', 'expiresAt']),
    (0, typeorm_1.Index)('idx_commands_action_created', ['actionName', 'createdAt'])
    // List page 1 and its filters (no workspace predicate on commands lists): ordered index scans, covering counts.
    ,
    (0, typeorm_1.Index)('idx_commands_created', ['createdAt']),
    (0, typeorm_1.Index)('idx_commands_status_created', ['status', 'createdAt']),
    (0, typeorm_1.Index)('idx_commands_agent_created', ['agentId', 'createdAt']),
    (0, typeorm_1.Index)('idx_commands_type_created', ['type', 'createdAt'])
], CommandEntity);
//# sourceMappingURL=command.entity.js.map