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
exports.SettingsRepository = void 0;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const system_setting_entity_1 = require("./system-setting.entity");
let SettingsRepository = class SettingsRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(system_setting_entity_1.SystemSettingEntity, { where: { id } });
    }
    async save(row, em = this.tx.manager) {
        await em.save(system_setting_entity_1.SystemSettingEntity, row);
    }
    async delete(id, em = this.tx.manager) {
        await em.delete(system_setting_entity_1.SystemSettingEntity, { id });
    }
};
exports.SettingsRepository = SettingsRepository;
exports.SettingsRepository = SettingsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], SettingsRepository);
//# sourceMappingURL=settings.repository.js.map