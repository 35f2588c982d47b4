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
exports.BusEventEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let BusEventEntity = class BusEventEntity {
    id;
    workspaceId;
    agentId;
    serviceId;
    serviceCode;
    eventType;
    payloadJson;
    metadataJson;
    correlationId;
    causationId;
    depth;
    occurredAt;
    acceptedAt;
    routeCount;
};
exports.BusEventEntity = BusEventEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], BusEventEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "agentId", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], BusEventEntity.prototype, "serviceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "serviceCode", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "eventType", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], BusEventEntity.prototype, "payloadJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], BusEventEntity.prototype, "metadataJson", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], BusEventEntity.prototype, "correlationId", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], BusEventEntity.prototype, "causationId", void 0);
__decorate([
    (0, columns_1.IntColumn)({ default: 0 }),
    __metadata("design:type", Number)
], BusEventEntity.prototype, "depth", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "occurredAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], BusEventEntity.prototype, "acceptedAt", void 0);
__decorate([
    (0, columns_1.IntColumn)({ default: 0 }),
    __metadata("design:type", Number)
], BusEventEntity.prototype, "routeCount", void 0);
exports.BusEventEntity = BusEventEntity = __decorate([
    (0, typeorm_1.Entity)('bus_events'),
    (0, typeorm_1.Index)('idx_bus_events_ws_accepted', ['workspaceId', 'acceptedAt']),
    (0, typeorm_1.Index)('idx_bus_events_type_service', ['eventType', 'serviceCode']),
    (0, typeorm_1.Index)('idx_bus_events_agent_accepted', ['agentId', 'acceptedAt'])
], BusEventEntity);
//# sourceMappingURL=bus-event.entity.js.map