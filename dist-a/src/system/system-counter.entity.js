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
exports.SystemCounterEntity = void 0;
const typeorm_1 = require("typeorm");
const columns_1 = require("../database/columns");
/** Operational counters (commands dispatched, polls, oversized results) that must survive restarts. */
let SystemCounterEntity = class SystemCounterEntity {
    key;
    value;
    updatedAt;
};
exports.SystemCounterEntity = SystemCounterEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 80 }),
    __metadata("design:type", String)
], SystemCounterEntity.prototype, "key", void 0);
__decorate([
    (0, columns_1.IntColumn)({ default: 0 }),
    __metadata("design:type", Number)
], SystemCounterEntity.prototype, "value", void 0);
__decorate([
    (0, columns_1.IsoColumn)(),
    __metadata("design:type", String)
], SystemCounterEntity.prototype, "updatedAt", void 0);
exports.SystemCounterEntity = SystemCounterEntity = __decorate([
    (0, typeorm_1.Entity)('system_counters')
], SystemCounterEntity);
//# sourceMappingURL=system-counter.entity.js.map