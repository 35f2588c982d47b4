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
exports.CatalogRepository = void 0;
const common_1 = require("@nestjs/common");
const transaction_runner_1 = require("../database/transaction-runner");
const action_definition_entity_1 = require("./action-definition.entity");
const config_item_entity_1 = require("./config-item.entity");
const health_report_entity_1 = require("./health-report.entity");
/** Configs, actions and health reports of a service (the parts a report rewrites). */
let CatalogRepository = class CatalogRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    findAction(serviceId, name, em = this.tx.manager) {
        return em.findOne(action_definition_entity_1.ActionDefinitionEntity, { where: { serviceId, name } });
    }
    actions(serviceId, em = this.tx.manager) {
        return em.find(action_definition_entity_1.ActionDefinitionEntity, { where: { serviceId }, order: { name: 'ASC' } });
    }
    configs(serviceId, em = this.tx.manager) {
        return em.find(config_item_entity_1.ConfigItemEntity, { where: { serviceId }, order: { configKey: 'ASC' } });
    }
    async saveActions(rows, em) {
        for (const row of rows)
            await em.save(action_definition_entity_1.ActionDefinitionEntity, row);
    }
    async saveConfigs(rows, em) {
        for (const row of rows)
            await em.save(config_item_entity_1.ConfigItemEntity, row);
    }
    async deleteConfigs(ids, em) {
        if (ids.length > 0)
            await em.delete(config_item_entity_1.ConfigItemEntity, ids);
    }
    latestHealth(serviceId, em = this.tx.manager) {
        return em.findOne(health_report_entity_1.HealthReportEntity, { where: { serviceId }, order: { reportedAt: 'DESC', id: 'DESC' } });
    }
    recentHealth(serviceId, limit, em = this.tx.manager) {
        return em.find(health_report_entity_1.HealthReportEntity, { where: { serviceId }, order: { reportedAt: 'DESC', id: 'DESC' }, take: limit });
    }
    async insertHealth(row, em = this.tx.manager) {
        await em.insert(health_report_entity_1.HealthReportEntity, row);
    }
    /** Keeps the newest `keep` reports of the service (decision 20); ids are time-sortable ULIDs. */
    async pruneHealth(serviceId, keep, em = this.tx.manager) {
        if (keep <= 0)
            return;
        await em.query(`DELETE FROM "health_reports" WHERE "serviceId" = ? AND "id" NOT IN (SELECT "id" FROM "health_reports" WHERE "serviceId" = ? ORDER BY "reportedAt" DESC, "id" DESC LIMIT ?)`, [serviceId, serviceId, keep]);
    }
};
exports.CatalogRepository = CatalogRepository;
exports.CatalogRepository = CatalogRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], CatalogRepository);
//# sourceMappingURL=catalog.repository.js.map