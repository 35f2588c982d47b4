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
exports.BusAuditRepository = void 0;
const common_1 = require("@nestjs/common");
const audit_event_entity_1 = require("../audit/audit-event.entity");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
/** Read-only view of the audit log restricted to `bus.*` actions (the bus audit tab). */
let BusAuditRepository = class BusAuditRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    list(offset, limit, em = this.tx.manager) {
        return (0, list_query_1.findPage)(em
            .createQueryBuilder(audit_event_entity_1.AuditEventEntity, 'a')
            .where('a.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .andWhere('a.action LIKE :prefix', { prefix: 'bus.%' })
            .orderBy('a.createdAt', 'DESC')
            .addOrderBy('a.id', 'DESC'), offset, limit);
    }
};
exports.BusAuditRepository = BusAuditRepository;
exports.BusAuditRepository = BusAuditRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], BusAuditRepository);
//# sourceMappingURL=bus-audit.repository.js.map