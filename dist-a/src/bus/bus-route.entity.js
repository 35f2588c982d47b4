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
exports.BusRouteEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
let BusRouteEntity = class BusRouteEntity {
    id;
    workspaceId;
    name;
    description;
    status;
    sourceServiceCode;
    eventType;
    targetServiceCode;
    actionName;
    inputMappingJson;
    metadataJson;
    createdByUserId;
    createdAt;
    updatedAt;
};
exports.BusRouteEntity = BusRouteEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "id", void 0);
__decorate([
    (0, columns_1.IdColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "workspaceId", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "name", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], BusRouteEntity.prototype, "description", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: 'DISABLED' }),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "status", void 0);
__decorate([
    (0, columns_1.NullableText)(),
    __metadata("design:type", Object)
], BusRouteEntity.prototype, "sourceServiceCode", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "eventType", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "targetServiceCode", void 0);
__decorate([
    (0, columns_1.TextColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "actionName", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "inputMappingJson", void 0);
__decorate([
    (0, columns_1.TextColumn)({ default: '{}' }),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "metadataJson", void 0);
__decorate([
    (0, columns_1.NullableId)(),
    __metadata("design:type", Object)
], BusRouteEntity.prototype, "createdByUserId", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "createdAt", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], BusRouteEntity.prototype, "updatedAt", void 0);
exports.BusRouteEntity = BusRouteEntity = __decorate([
    (0, typeorm_1.Entity)('bus_routes'),
    (0, typeorm_1.Index)('idx_bus_routes_match', ['workspaceId', 'status', 'eventType', 'sourceServiceCode']),
    (0, typeorm_1.Index)('idx_bus_routes_ws_created', ['workspaceId', 'createdAt'])
], BusRouteEntity);
//# sourceMappingURL=bus-route.entity.js.map