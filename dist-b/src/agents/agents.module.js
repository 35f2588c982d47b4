"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgentsModule = void 0;
const common_1 = require("@nestjs/common");
const audit_module_1 = require("../audit/audit.module");
const authenticators_1 = require("../common/auth/authenticators");
const settings_module_1 = require("../settings/settings.module");
const system_module_1 = require("../system/system.module");
const agent_authenticator_1 = require("./agent-authenticator");
const agent_liveness_service_1 = require("./agent-liveness.service");
const agent_tokens_repository_1 = require("./agent-tokens.repository");
const agents_controller_1 = require("./agents.controller");
const agents_repository_1 = require("./agents.repository");
const agents_service_1 = require("./agents.service");
const heartbeat_extensions_1 = require("./heartbeat-extensions");
let AgentsModule = class AgentsModule {
};
exports.AgentsModule = AgentsModule;
exports.AgentsModule = AgentsModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, settings_module_1.SettingsModule, system_module_1.SystemModule],
        controllers: [agents_controller_1.AgentsController],
        providers: [
            agents_repository_1.AgentsRepository,
            agent_tokens_repository_1.AgentTokensRepository,
            agents_service_1.AgentsService,
            agent_liveness_service_1.AgentLivenessService,
            heartbeat_extensions_1.HeartbeatExtensions,
            { provide: authenticators_1.AgentAuthenticator, useClass: agent_authenticator_1.TokenAgentAuthenticator },
        ],
        exports: [authenticators_1.AgentAuthenticator, agents_service_1.AgentsService, agent_liveness_service_1.AgentLivenessService, heartbeat_extensions_1.HeartbeatExtensions],
    })
], AgentsModule);
//# sourceMappingURL=agents.module.js.map