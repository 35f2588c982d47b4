"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const schedule_1 = require("@nestjs/schedule");
const config_module_1 = require("./config/config.module");
const policy_guard_1 = require("./common/auth/policy.guard");
const all_exceptions_filter_1 = require("./common/errors/all-exceptions.filter");
const validation_exception_factory_1 = require("./common/errors/validation-exception.factory");
const database_module_1 = require("./database/database.module");
const audit_module_1 = require("./audit/audit.module");
const settings_module_1 = require("./settings/settings.module");
const system_module_1 = require("./system/system.module");
const users_module_1 = require("./users/users.module");
const auth_module_1 = require("./auth/auth.module");
const agents_module_1 = require("./agents/agents.module");
const commands_module_1 = require("./commands/commands.module");
const capsule_services_module_1 = require("./capsule-services/capsule-services.module");
const maintenance_module_1 = require("./maintenance/maintenance.module");
const events_module_1 = require("./common/events/events.module");
const extension_registry_1 = require("./extensions/extension-registry");
const extensions_boot_log_1 = require("./extensions/extensions-boot-log");
const bus_module_1 = require("./bus/bus.module");
let AppModule = AppModule_1 = class AppModule {
    static forRoot(options) {
        const extensions = (0, extension_registry_1.resolveExtensions)(options.extensions ?? [], options.config.version);
        return {
            module: AppModule_1,
            imports: [
                config_module_1.ConfigModule.forRoot({ config: options.config, clock: options.clock, random: options.random }),
                database_module_1.DatabaseModule.forRoot({ extraEntities: extensions.entities, extraMigrations: extensions.migrations }),
                events_module_1.EventsModule,
                schedule_1.ScheduleModule.forRoot(),
                audit_module_1.AuditModule,
                settings_module_1.SettingsModule,
                system_module_1.SystemModule,
                users_module_1.UsersModule,
                auth_module_1.AuthModule,
                agents_module_1.AgentsModule,
                capsule_services_module_1.CapsuleServicesModule,
                commands_module_1.CommandsModule,
                maintenance_module_1.MaintenanceModule,
                bus_module_1.BusModule,
                ...extensions.modules,
                ...(extensions.routes.length > 0 ? [core_1.RouterModule.register(extensions.routes)] : []),
                ...(options.extraModules ?? []),
            ],
            providers: [
                { provide: extensions_boot_log_1.REGISTERED_EXTENSIONS, useValue: extensions.extensions },
                { provide: extensions_boot_log_1.EXTENSION_WARNINGS, useValue: extensions.warnings },
                extensions_boot_log_1.ExtensionsBootLog,
                { provide: core_1.APP_GUARD, useClass: policy_guard_1.PolicyGuard },
                { provide: core_1.APP_FILTER, useClass: all_exceptions_filter_1.AllExceptionsFilter },
                {
                    provide: core_1.APP_PIPE,
                    useValue: new common_1.ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validation_exception_factory_1.validationExceptionFactory }),
                },
            ],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map