import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { ScheduleRunsService } from './schedule-runs.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';

/**
 * Scheduled actions (docs/schedules.md): the admin API and what a planned time does. The timer that asks for due
 * schedules, and the once-across-replicas claim it passes in, live in maintenance/ (ScheduleTicker), which also
 * prunes old run rows in its sweep.
 */
@Module({
  imports: [AuditModule, CapsuleServicesModule, CommandsModule],
  controllers: [SchedulesController],
  providers: [SchedulesRepository, SchedulesService, ScheduleRunsService],
  exports: [ScheduleRunsService],
})
export class SchedulesModule {}
