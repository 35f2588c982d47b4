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
exports.CommandsModule = void 0;
const common_1 = require("@nestjs/common");
const agents_module_1 = require("../agents/agents.module");
const heartbeat_extensions_1 = require("../agents/heartbeat-extensions");
const audit_module_1 = require("../audit/audit.module");
const capsule_services_module_1 = require("../capsule-services/capsule-services.module");
const settings_module_1 = require("../settings/settings.module");
const system_module_1 = require("../system/system.module");
const action_execution_service_1 = require("./action-execution.service");
const actions_controller_1 = require("./actions.controller");
const cancel_notice_index_1 = require("./cancel-notice-index");
const command_dispatch_service_1 = require("./command-dispatch.service");
const command_gateway_controller_1 = require("./command-gateway.controller");
const command_notifier_1 = require("./command-notifier");
const command_queries_service_1 = require("./command-queries.service");
const command_results_service_1 = require("./command-results.service");
const command_targets_1 = require("./command-targets");
const command_repository_1 = require("./command.repository");
const commands_controller_1 = require("./commands.controller");
const commands_service_1 = require("./commands.service");
let CommandsModule = class CommandsModule {
    heartbeats;
    dispatch;
    constructor(heartbeats, dispatch) {
        this.heartbeats = heartbeats;
        this.dispatch = dispatch;
    }
    /** Heartbeat responses carry `cancelledCommandIds` too (decision 17). */
    onModuleInit() {
        this.heartbeats.register(async (agentId, nowIso) => ({ cancelledCommandIds: await this.dispatch.cancelledIds(agentId, nowIso) }));
    }
};
exports.CommandsModule = CommandsModule;
exports.CommandsModule = CommandsModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, settings_module_1.SettingsModule, system_module_1.SystemModule, agents_module_1.AgentsModule, capsule_services_module_1.CapsuleServicesModule],
        controllers: [actions_controller_1.ActionsController, commands_controller_1.CommandsController, command_gateway_controller_1.CommandGatewayController],
        providers: [
            command_repository_1.CommandRepository,
            command_targets_1.CommandTargets,
            commands_service_1.CommandsService,
            command_queries_service_1.CommandQueriesService,
            command_dispatch_service_1.CommandDispatchService,
            cancel_notice_index_1.CancelNoticeIndex,
            command_results_service_1.CommandResultsService,
            action_execution_service_1.ActionExecutionService,
            // One instance per process; replace with a LISTEN/NOTIFY implementation for several replicas.
            { provide: command_notifier_1.CommandNotifier, useFactory: () => new command_notifier_1.InMemoryCommandNotifier() },
        ],
        exports: [commands_service_1.CommandsService, command_notifier_1.CommandNotifier],
    }),
    __metadata("design:paramtypes", [heartbeat_extensions_1.HeartbeatExtensions,
        command_dispatch_service_1.CommandDispatchService])
], CommandsModule);
//# sourceMappingURL=commands.module.js.map