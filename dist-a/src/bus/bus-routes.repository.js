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
exports.BusRoutesRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const list_query_1 = require("../database/list-query");
const transaction_runner_1 = require("../database/transaction-runner");
const workspace_entity_1 = require("../workspaces/workspace.entity");
const bus_route_entity_1 = require("./bus-route.entity");
let BusRoutesRepository = class BusRoutesRepository {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    async insert(row, em = this.tx.manager) {
        await em.insert(bus_route_entity_1.BusRouteEntity, row);
    }
    findById(id, em = this.tx.manager) {
        return em.findOne(bus_route_entity_1.BusRouteEntity, { where: { id, workspaceId: workspace_entity_1.DEFAULT_WORKSPACE_ID } });
    }
    async update(id, patch, em = this.tx.manager) {
        await em.update(bus_route_entity_1.BusRouteEntity, { id }, patch);
    }
    async delete(id, em = this.tx.manager) {
        const result = await em.delete(bus_route_entity_1.BusRouteEntity, { id });
        return result.affected ?? 0;
    }
    /** Newest first. */
    list(offset, limit, em = this.tx.manager) {
        return (0, list_query_1.findPage)(em
            .createQueryBuilder(bus_route_entity_1.BusRouteEntity, 'r')
            .where('r.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .orderBy('r.createdAt', 'DESC')
            .addOrderBy('r.id', 'DESC'), offset, limit);
    }
    /** Routes an event reaches: ENABLED or DRY_RUN, same event type, any or this source; oldest first. */
    matching(eventType, sourceServiceCode, limit, em = this.tx.manager) {
        return em
            .createQueryBuilder(bus_route_entity_1.BusRouteEntity, 'r')
            .where('r.workspaceId = :ws', { ws: workspace_entity_1.DEFAULT_WORKSPACE_ID })
            .andWhere('r.status IN (:...statuses)', { statuses: ['ENABLED', 'DRY_RUN'] })
            .andWhere('r.eventType = :eventType', { eventType })
            .andWhere(new typeorm_1.Brackets((b) => b.where('r.sourceServiceCode IS NULL').orWhere('r.sourceServiceCode = :source', { source: sourceServiceCode })))
            .orderBy('r.createdAt', 'ASC')
            .addOrderBy('r.id', 'ASC')
            .limit(limit)
            .getMany();
    }
};
exports.BusRoutesRepository = BusRoutesRepository;
exports.BusRoutesRepository = BusRoutesRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [transaction_runner_1.TransactionRunner])
], BusRoutesRepository);
//# sourceMappingURL=bus-routes.repository.js.map