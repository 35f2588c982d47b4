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
exports.HealthReportEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
const capsule_service_entity_1 = require("./capsule-service.entity");
let HealthReportEntity = class HealthReportEntity {
    id;
    workspaceId;
    serviceId;
    service;
    agentId;
    status;
    message;
    detailsJson;
    reportedAt;
    createdAt;
};
exports.HealthReportEntity = HealthReportEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "serviceId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => capsule_service_entity_1.CapsuleServiceEntity, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'serviceId' }),
    __metadata("design:type", capsule_service_entity_1.CapsuleServiceEntity)
], HealthReportEntity.prototype, "service", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "agentId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], HealthReportEntity.prototype, "message", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "detailsJson", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "reportedAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], HealthReportEntity.prototype, "createdAt", void 0);
exports.HealthReportEntity = HealthReportEntity = __decorate([
    (0, typeorm_1.Entity)('health_reports'),
    (0, typeorm_1.Index)('idx_health_reports_service_reported', ['serviceId', 'reportedAt']),
    (0, typeorm_1.Index)('idx_health_reports_agent', ['agentId'])
], HealthReportEntity);
//# sourceMappingURL=health-report.entity.js.map