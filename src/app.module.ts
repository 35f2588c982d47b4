import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, RouterModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import type { Clock } from './common/time/clock';
import type { RandomSource } from './common/crypto/random-source';
import { PolicyGuard } from './common/auth/policy.guard';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { validationExceptionFactory } from './common/errors/validation-exception.factory';
import { AppValidationPipe } from './common/http/hand-checked';
import { DatabaseModule } from './database/database.module';
import { ClusterModule } from './cluster/cluster.module';
import { AuditModule } from './audit/audit.module';
import { SettingsModule } from './settings/settings.module';
import { SystemModule } from './system/system.module';
import { UsersModule } from './users/users.module';
import { AuthModule } from './auth/auth.module';
import { AgentsModule } from './agents/agents.module';
import { CommandsModule } from './commands/commands.module';
import { CapsuleServicesModule } from './capsule-services/capsule-services.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { EventsModule } from './common/events/events.module';
import { resolveExtensions, type ExtensionModule } from './extensions/extension-registry';
import { EXTENSION_WARNINGS, ExtensionsBootLog, REGISTERED_EXTENSIONS } from './extensions/extensions-boot-log';
import { BusModule } from './bus/bus.module';
import { LiveEventsModule } from './live-events/live-events.module';
import { OverviewModule } from './overview/overview.module';
import { BulkModule } from './bulk/bulk.module';
import { AgentGatewayModule } from './agent-gateway/agent-gateway.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SchedulesModule } from './schedules/schedules.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Tests pin time and randomness. */
  clock?: Clock;
  random?: RandomSource;
  /** Additional Nest modules mounted next to the core (test fixtures; extensions use their own option). */
  extraModules?: Type[];
  /**
   * Opstage extensions (`@OpstageExtension` modules), validated before the app is built: an
   * invalid one throws `ExtensionError` and nothing starts. Their migrations run after the
   * core's; their controllers are served under `/api/<routePrefix>` (default `ext/<name>`).
   */
  extensions?: readonly ExtensionModule[];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const extensions = resolveExtensions(options.extensions ?? [], options.config.version);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ config: options.config, clock: options.clock, random: options.random }),
        DatabaseModule.forRoot({ extraEntities: extensions.entities, extraMigrations: extensions.migrations }),
        ClusterModule,
        EventsModule,
        ScheduleModule.forRoot(),
        // First among the feature modules: Nest registers routes in module scan order, so the agent routes (the hot
        // path, thousands of requests a second) sit ahead of every admin route in Express's router and are matched
        // without walking past them (docs/performance.md, "Agent hot path").
        AgentGatewayModule,
        AuditModule,
        SettingsModule,
        SystemModule,
        UsersModule,
        AuthModule,
        AgentsModule,
        CapsuleServicesModule,
        CommandsModule,
        MaintenanceModule,
        BusModule,
        LiveEventsModule,
        OverviewModule,
        BulkModule,
        ApiTokensModule,
        ApprovalsModule,
        NotificationsModule,
        SchedulesModule,
        ...extensions.modules,
        ...(extensions.routes.length > 0 ? [RouterModule.register(extensions.routes)] : []),
        ...(options.extraModules ?? []),
      ],
      providers: [
        { provide: REGISTERED_EXTENSIONS, useValue: extensions.extensions },
        { provide: EXTENSION_WARNINGS, useValue: extensions.warnings },
        ExtensionsBootLog,
        { provide: APP_GUARD, useClass: PolicyGuard },
        // One instance: Nest's filter, and the renderer of the agent fast path (configureApp).
        AllExceptionsFilter,
        { provide: APP_FILTER, useExisting: AllExceptionsFilter },
        {
          provide: APP_PIPE,
          useValue: new AppValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
      ],
    };
  }
}
