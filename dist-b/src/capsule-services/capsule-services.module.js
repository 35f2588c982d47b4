"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CapsuleServicesModule = void 0;
const common_1 = require("@nestjs/common");
const agents_module_1 = require("../agents/agents.module");
const audit_module_1 = require("../audit/audit.module");
const registration_tokens_module_1 = require("../registration-tokens/registration-tokens.module");
const settings_module_1 = require("../settings/settings.module");
const agent_gateway_controller_1 = require("./agent-gateway.controller");
const agent_gateway_service_1 = require("./agent-gateway.service");
const capsule_services_controller_1 = require("./capsule-services.controller");
const capsule_services_repository_1 = require("./capsule-services.repository");
const capsule_services_service_1 = require("./capsule-services.service");
const catalog_repository_1 = require("./catalog.repository");
const service_report_service_1 = require("./service-report.service");
let CapsuleServicesModule = class CapsuleServicesModule {
};
exports.CapsuleServicesModule = CapsuleServicesModule;
exports.CapsuleServicesModule = CapsuleServicesModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, settings_module_1.SettingsModule, registration_tokens_module_1.RegistrationTokensModule, agents_module_1.AgentsModule],
        controllers: [agent_gateway_controller_1.AgentGatewayController, capsule_services_controller_1.CapsuleServicesController, capsule_services_controller_1.AgentDetailController],
        providers: [capsule_services_repository_1.CapsuleServicesRepository, catalog_repository_1.CatalogRepository, capsule_services_service_1.CapsuleServicesService, service_report_service_1.ServiceReportService, agent_gateway_service_1.AgentGatewayService],
        exports: [capsule_services_service_1.CapsuleServicesService],
    })
], CapsuleServicesModule);
//# sourceMappingURL=capsule-services.module.js.map