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
exports.AgentEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let AgentEntity = class AgentEntity {
    id;
    workspaceId;
    code;
    name;
    mode;
    runtime;
    version;
    hostname;
    sdkVersion;
    status;
    lastHeartbeatAt;
    disabledAt;
    revokedAt;
    createdAt;
    updatedAt;
};
exports.AgentEntity = AgentEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], AgentEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], AgentEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], AgentEntity.prototype, "code", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'embedded' }),
    __metadata("design:type", String)
], AgentEntity.prototype, "mode", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "runtime", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "version", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "hostname", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "sdkVersion", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'PENDING' }),
    __metadata("design:type", String)
], AgentEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "lastHeartbeatAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "disabledAt", void 0);
__decorate([
    (0, columns_1.NullableIso)(),
    __metadata("design:type", Object)
], AgentEntity.prototype, "revokedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], AgentEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], AgentEntity.prototype, "updatedAt", void 0);
exports.AgentEntity = AgentEntity = __decorate([
    (0, typeorm_1.Entity)('agents'),
    (0, typeorm_1.Index)('uq_agents_ws_code', ['workspaceId', 'code'], { unique: true }),
    (0, typeorm_1.Index)('idx_agents_ws_status', ['workspaceId', 'status']),
    (0, typeorm_1.Index)('idx_agents_ws_created', ['workspaceId', 'createdAt']),
    (0, typeorm_1.Index)('idx_agents_heartbeat', ['lastHeartbeatAt'])
], AgentEntity);
//# sourceMappingURL=agent.entity.js.map