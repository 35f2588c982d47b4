import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { SettingsModule } from '../settings/settings.module';
import { BusAdminController } from './bus-admin.controller';
import { BusAuditRepository } from './bus-audit.repository';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusEventsRepository } from './bus-events.repository';
import { BusIngestService } from './bus-ingest.service';
import { BusQueriesService } from './bus-queries.service';
import { BusRouterService } from './bus-router.service';
import { BusRoutesRepository } from './bus-routes.repository';
import { BusRoutesService } from './bus-routes.service';

/** Capsule Bus (experimental, OPSTAGE_CAPSULE_BUS_ENABLED): events from agents routed to action commands. */
@Module({
  imports: [AuditModule, SettingsModule, CapsuleServicesModule, CommandsModule],
  controllers: [BusAdminController],
  providers: [
    BusEnabledGuard,
    BusEventsRepository,
    BusRoutesRepository,
    BusAuditRepository,
    BusRoutesService,
    BusIngestService,
    BusRouterService,
    BusQueriesService,
  ],
  exports: [BusEnabledGuard, BusIngestService],
})
export class BusModule {}
