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
exports.AgentTokenEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const agent_entity_1 = require("./agent.entity");
let AgentTokenEntity = class AgentTokenEntity {
    id;
    agentId;
    agent;
    tokenHash;
    name;
    status;
    lastUsedAt;
    revokedAt;
    createdAt;
    updatedAt;
};
exports.AgentTokenEntity = AgentTokenEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "agentId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => agent_entity_1.AgentEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'agentId' }),
    __metadata("design:type", agent_entity_1.AgentEntity)
], AgentTokenEntity.prototype, "agent", void 0);
__decorate([
    (0, columns_1.TextColumn)({ unique: true }),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "tokenHash", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentTokenEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'ACTIVE' }),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], AgentTokenEntity.prototype, "lastUsedAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], AgentTokenEntity.prototype, "revokedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], AgentTokenEntity.prototype, "updatedAt", void 0);
exports.AgentTokenEntity = AgentTokenEntity = __decorate([
    (0, typeorm_1.Entity)('agent_tokens'),
    (0, typeorm_1.Index)('idx_agent_tokens_agent_status', ['agentId', 'status']),
    (0, typeorm_1.Index)('idx_agent_tokens_status_revoked', ['status', 'revokedAt'])
], AgentTokenEntity);
//# sourceMappingURL=agent-token.entity.js.map