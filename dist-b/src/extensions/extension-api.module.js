"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExtensionApiModule = void 0;
const common_1 = require("@nestjs/common");
const agents_module_1 = require("../agents/agents.module");
const audit_module_1 = require("../audit/audit.module");
const capsule_services_module_1 = require("../capsule-services/capsule-services.module");
const commands_module_1 = require("../commands/commands.module");
const agents_reader_1 = require("./api/agents-reader");
const audit_recorder_1 = require("./api/audit-recorder");
const command_enqueuer_1 = require("./api/command-enqueuer");
/**
 * What an extension imports to reach the core: the curated facades only. `Clock`,
 * `IdGenerator`, `TransactionRunner` and the event bus are global providers and need no import.
 * Core repositories and entities are deliberately not exported.
 */
let ExtensionApiModule = class ExtensionApiModule {
};
exports.ExtensionApiModule = ExtensionApiModule;
exports.ExtensionApiModule = ExtensionApiModule = __decorate([
    (0, common_1.Module)({
        imports: [audit_module_1.AuditModule, agents_module_1.AgentsModule, capsule_services_module_1.CapsuleServicesModule, commands_module_1.CommandsModule],
        providers: [agents_reader_1.AgentsReader, command_enqueuer_1.CommandEnqueuer, audit_recorder_1.AuditRecorder],
        exports: [agents_reader_1.AgentsReader, command_enqueuer_1.CommandEnqueuer, audit_recorder_1.AuditRecorder],
    })
], ExtensionApiModule);
//# sourceMappingURL=extension-api.module.js.map