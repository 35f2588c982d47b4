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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BusAdminController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const policy_decorators_1 = require("../common/auth/policy.decorators");
const ctx_decorator_1 = require("../common/context/ctx.decorator");
const pagination_dto_1 = require("../common/http/pagination.dto");
const bus_enabled_guard_1 = require("./bus-enabled.guard");
const bus_experimental_interceptor_1 = require("./bus-experimental.interceptor");
const bus_queries_service_1 = require("./bus-queries.service");
const bus_routes_service_1 = require("./bus-routes.service");
const bus_route_dto_1 = require("./dto/bus-route.dto");
const list_bus_events_query_dto_1 = require("./dto/list-bus-events-query.dto");
/** Capsule Bus admin API (experimental; 404 CAPSULE_BUS_DISABLED after auth and role when the flag is off). */
let BusAdminController = class BusAdminController {
    routes;
    queries;
    constructor(routes, queries) {
        this.routes = routes;
        this.queries = queries;
    }
    listRoutes(ctx, query) {
        return this.routes.list(ctx, query);
    }
    getRoute(ctx, routeId) {
        return this.routes.get(ctx, routeId);
    }
    createRoute(ctx, dto) {
        return this.routes.create(ctx, dto);
    }
    updateRoute(ctx, routeId, dto) {
        return this.routes.update(ctx, routeId, dto);
    }
    deleteRoute(ctx, routeId) {
        return this.routes.remove(ctx, routeId);
    }
    listEvents(ctx, query) {
        return this.queries.listEvents(ctx, query);
    }
    listAudit(ctx, query) {
        return this.queries.auditEvents(ctx, query);
    }
};
exports.BusAdminController = BusAdminController;
__decorate([
    (0, common_1.Get)('routes'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, pagination_dto_1.PaginationQueryDto]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "listRoutes", null);
__decorate([
    (0, common_1.Get)('routes/:routeId'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('routeId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "getRoute", null);
__decorate([
    (0, common_1.Post)('routes'),
    (0, common_1.HttpCode)(200),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, bus_route_dto_1.BusRouteDto]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "createRoute", null);
__decorate([
    (0, common_1.Put)('routes/:routeId'),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('routeId')),
    __param(2, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String, bus_route_dto_1.BusRouteDto]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "updateRoute", null);
__decorate([
    (0, common_1.Delete)('routes/:routeId'),
    (0, policy_decorators_1.Roles)('operator'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Param)('routeId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, String]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "deleteRoute", null);
__decorate([
    (0, common_1.Get)('events'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, list_bus_events_query_dto_1.ListBusEventsQueryDto]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "listEvents", null);
__decorate([
    (0, common_1.Get)('audit'),
    (0, policy_decorators_1.Roles)('viewer'),
    __param(0, (0, ctx_decorator_1.Ctx)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, pagination_dto_1.PaginationQueryDto]),
    __metadata("design:returntype", void 0)
], BusAdminController.prototype, "listAudit", null);
exports.BusAdminController = BusAdminController = __decorate([
    (0, swagger_1.ApiTags)('bus'),
    (0, common_1.Controller)('api/admin/bus'),
    (0, common_1.UseGuards)(bus_enabled_guard_1.BusEnabledGuard),
    (0, common_1.UseInterceptors)(bus_experimental_interceptor_1.BusExperimentalInterceptor),
    __metadata("design:paramtypes", [bus_routes_service_1.BusRoutesService,
        bus_queries_service_1.BusQueriesService])
], BusAdminController);
//# sourceMappingURL=bus-admin.controller.js.map