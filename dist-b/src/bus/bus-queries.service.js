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
exports.BusQueriesService = void 0;
const common_1 = require("@nestjs/common");
const audit_mapper_1 = require("../audit/audit.mapper");
const envelope_1 = require("../common/http/envelope");
const pagination_dto_1 = require("../common/http/pagination.dto");
const bus_audit_repository_1 = require("./bus-audit.repository");
const bus_events_repository_1 = require("./bus-events.repository");
const bus_mapper_1 = require("./bus.mapper");
/** Admin read side: stored events and the `bus.*` slice of the audit log. */
let BusQueriesService = class BusQueriesService {
    events;
    audit;
    constructor(events, audit) {
        this.events = events;
        this.audit = audit;
    }
    async listEvents(_ctx, query) {
        const page = (0, pagination_dto_1.pageRequest)(query);
        const [rows, total] = await this.events.list({ eventType: query.eventType, serviceCode: query.serviceCode, agentId: query.agentId }, page.offset, page.pageSize);
        return new envelope_1.Page(rows.map(bus_mapper_1.toPublicBusEvent), (0, pagination_dto_1.pagination)(page, total));
    }
    async auditEvents(_ctx, query) {
        const page = (0, pagination_dto_1.pageRequest)(query);
        const [rows, total] = await this.audit.list(page.offset, page.pageSize);
        return new envelope_1.Page(rows.map(audit_mapper_1.toPublicAuditEvent), (0, pagination_dto_1.pagination)(page, total));
    }
};
exports.BusQueriesService = BusQueriesService;
exports.BusQueriesService = BusQueriesService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [bus_events_repository_1.BusEventsRepository,
        bus_audit_repository_1.BusAuditRepository])
], BusQueriesService);
//# sourceMappingURL=bus-queries.service.js.map