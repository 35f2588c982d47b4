import { Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AgentsModule } from '../agents/agents.module';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { BusModule } from '../bus/bus.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { RegistrationTokensModule } from '../registration-tokens/registration-tokens.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { SettingsModule } from '../settings/settings.module';
import { SystemModule } from '../system/system.module';
import { BackupService } from './backup.service';
import { DashboardService } from './dashboard.service';
import { DiagnosticsService } from './diagnostics.service';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MaintenanceController } from './maintenance.controller';
import { MAINTENANCE_TICK_UNIT_MS, MaintenanceScheduler } from './maintenance.scheduler';
import { MaintenanceService } from './maintenance.service';
import { MaintenanceSettingsService } from './maintenance-settings.service';
import { MetricsService } from './metrics.service';
import { OperationsController } from './operations.controller';
import { PrometheusController } from './prometheus.controller';
import { PrometheusService } from './prometheus.service';
import { StatsRepository } from './stats.repository';
import { ScheduledJobs } from './scheduled-jobs';
import { ScheduleTicker } from './schedule-ticker';
import { ScheduledSlotsRepository } from './scheduled-slots.repository';
import { SweepSteps } from './sweep-steps';

/**
 * Keeps the control plane accurate and bounded without an operator (scheduled sweep, retention)
 * and gives operators its numbers (dashboard, metrics, Prometheus, diagnostics) and backups.
 * Every sweep step is a method of the module that owns the table (SweepSteps calls them); this
 * module owns no statement against another domain's tables.
 */
@Module({
  imports: [
    AuditModule,
    SettingsModule,
    SystemModule,
    AuthModule,
    RegistrationTokensModule,
    AgentsModule,
    ApiTokensModule,
    ApprovalsModule,
    CapsuleServicesModule,
    CommandsModule,
    BusModule,
    SchedulesModule,
  ],
  controllers: [MaintenanceController, OperationsController, PrometheusController],
  providers: [
    { provide: MAINTENANCE_TICK_UNIT_MS, useValue: 1000 },
    SweepSteps,
    StatsRepository,
    MaintenanceService,
    ScheduledSlotsRepository,
    ScheduledJobs,
    ScheduleTicker,
    MaintenanceScheduler,
    MaintenanceSettingsService,
    DashboardService,
    MetricsService,
    PrometheusService,
    // Also a provider: the agent fast path (app.setup.ts) counts the requests it answers through it.
    HttpMetricsMiddleware,
    DiagnosticsService,
    BackupService,
  ],
  // ScheduledJobs: notifications/ runs its evaluation once per interval across replicas with it.
  exports: [MaintenanceService, ScheduledJobs],
})
export class MaintenanceModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    // Mounted only when metrics are on: even a pass-through middleware costs every request.
    if (this.config.metricsEnabled) consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
