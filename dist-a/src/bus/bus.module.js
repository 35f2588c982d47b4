"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BusModule = void 0;
const common_1 = require("@nestjs/common");
const agents_module_1 = require("../agents/agents.module");
const audit_module_1 = require("../audit/audit.module");
const capsule_services_module_1 = require("../capsule-services/capsule-services.module");
const commands_module_1 = require("../commands/commands.module");
const settings_module_1 = require("../settings/settings.module");
const bus_admin_controller_1 = require("./bus-admin.controller");
const bus_agent_controller_1 = require("./bus-agent.controller");
const bus_audit_repository_1 = require("./bus-audit.repository");
const bus_enabled_guard_1 = require("./bus-enabled.guard");
const bus_events_repository_1 = require("./bus-events.repository");
const bus_ingest_service_1 = require("./bus-ingest.service");
const bus_queries_service_1 = require("./bus-queries.service");
const bus_router_service_1 = require("./bus-router.service");
const bus_routes_repository_1 = require("./bus-routes.repository");
const bus_routes_service_1 = require("./bus-routes.service");
/** Capsule Bus (experimental, OPSTAGE_CAPSULE_BUS_ENABLED): events from agents routed to action commands. */
let BusModule = class BusModule {
};
exports.BusModule = BusModule;
exports.BusModule = BusModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, settings_module_1.SettingsModule, agents_module_1.AgentsModule, capsule_services_module_1.CapsuleServicesModule, commands_module_1.CommandsModule],
        controllers: [bus_admin_controller_1.BusAdminController, bus_agent_controller_1.BusAgentController],
        providers: [
            bus_enabled_guard_1.BusEnabledGuard,
            bus_events_repository_1.BusEventsRepository,
            bus_routes_repository_1.BusRoutesRepository,
            bus_audit_repository_1.BusAuditRepository,
            bus_routes_service_1.BusRoutesService,
            bus_ingest_service_1.BusIngestService,
            bus_router_service_1.BusRouterService,
            bus_queries_service_1.BusQueriesService,
        ],
    })
], BusModule);
//# sourceMappingURL=bus.module.js.map