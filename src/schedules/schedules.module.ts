import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { SettingsModule } from '../settings/settings.module';
import { ScheduleRunner } from './schedule-runner.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';

/**
 * Scheduled actions (docs/schedules.md): the admin API and the ticker that turns planned times into commands through
 * the execute path. Sits above maintenance/ for ScheduledJobs, the once-across-replicas claim.
 */
@Module({
  imports: [AuditModule, SettingsModule, CapsuleServicesModule, CommandsModule, MaintenanceModule],
  controllers: [SchedulesController],
  providers: [SchedulesRepository, SchedulesService, ScheduleRunner],
  exports: [ScheduleRunner],
})
export class SchedulesModule {}
