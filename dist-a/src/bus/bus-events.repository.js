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
exports.BusEventsRepository = void 0;
const common_1 = require("@nestjs/common");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const bus_event_entity_1 = require("./bus-event.entity");
let BusEventsRepository = class BusEventsRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(bus_event_entity_1.BusEventEntity, row);
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(bus_event_entity_1.BusEventEntity, { where: { id, workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
    }
    /** Events of this agent accepted after `sinceIso` (the sliding rate window). */
    countSince(agentId, sinceIso, em = this.tx.manager) {
        return em.createQueryBuilder(bus_event_entity_1.BusEventEntity, 'e').where('e.agentId = :agentId', { agentId }).andWhere('e.acceptedAt > :since', { since: sinceIso }).getCount();
    }
    /** `acceptedAt` of the n-th oldest (0-based) event of this agent inside the window, if any. */
    async nthAcceptedSince(agentId, sinceIso, n, em = this.tx.manager) {
        const row = await em
            .createQueryBuilder(bus_event_entity_1.BusEventEntity, 'e')
            .select('e.acceptedAt', 'acceptedAt')
            .where('e.agentId = :agentId', { agentId })
            .andWhere('e.acceptedAt > :since', { since: sinceIso })
            .orderBy('e.acceptedAt', 'ASC')
            .addOrderBy('e.id', 'ASC')
            .offset(n)
            .limit(1)
            .getRawOne();
        return row?.acceptedAt ?? null;
    }
    async setRouteCount(id, routeCount, em = this.tx.manager) {
        await em.update(bus_event_entity_1.BusEventEntity, { id }, { routeCount });
    }
    /** Newest first; ULID ids break ties inside one millisecond. */
    list(filter, offset, limit, em = this.tx.manager) {
        const qb = em.createQueryBuilder(bus_event_entity_1.BusEventEntity, 'e').where('e.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID });
        if (filter.eventType)
            qb.andWhere('e.eventType = :eventType', { eventType: filter.eventType });
        if (filter.serviceCode)
            qb.andWhere('e.serviceCode = :serviceCode', { serviceCode: filter.serviceCode });
        if (filter.agentId)
            qb.andWhere('e.agentId = :agentId', { agentId: filter.agentId });
        return (0, list_query_1.findPage)(qb.orderBy('e.acceptedAt', 'DESC').addOrderBy('e.id', 'DESC'), offset, limit);
    }
};
exports.BusEventsRepository = BusEventsRepository;
exports.BusEventsRepository = BusEventsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], BusEventsRepository);
//# sourceMappingURL=bus-events.repository.js.map