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
exports.CommandResultEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const command_entity_1 = require("./command.entity");
let CommandResultEntity = class CommandResultEntity {
    id;
    commandId;
    command;
    agentId;
    success;
    message;
    dataJson;
    errorJson;
    /** One-time result fields, sealed until the first privileged read or expiry (decision 9). */
    sealedData;
    sealedExpiresAt;
    revealedAt;
    revealedByUserId;
    durationMs;
    startedAt;
    finishedAt;
    reportedAt;
    createdAt;
};
exports.CommandResultEntity = CommandResultEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "commandId", void 0);
__decorate([
    (0, typeorm_1.OneToOne)(() => command_entity_1.CommandEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'commandId' }),
    __metadata("design:type", command_entity_1.CommandEntity)
], CommandResultEntity.prototype, "command", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "agentId", void 0);
__decorate([
    (0, columns_1.BoolColumn)(false),
    __metadata("design:type", Boolean)
], CommandResultEntity.prototype, "success", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "message", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "dataJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "errorJson", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "sealedData", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "sealedExpiresAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "revealedAt", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "revealedByUserId", void 0);
__decorate([
    (0, columns_1.IntColumn)({ nullable: true }),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "durationMs", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "startedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], CommandResultEntity.prototype, "finishedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "reportedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], CommandResultEntity.prototype, "createdAt", void 0);
exports.CommandResultEntity = CommandResultEntity = __decorate([
    (0, typeorm_1.Entity)('command_results'),
    (0, typeorm_1.Index)('idx_command_results_agent_reported', ['agentId', 'reportedAt']),
    (0, typeorm_1.Index)('idx_command_results_sealed_expires', ['sealedExpiresAt'])
], CommandResultEntity);
//# sourceMappingURL=command-result.entity.js.map