import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AgentDetailController, CapsuleServicesController } from './capsule-services.controller';
import { CapsuleServicesRepository } from './capsule-services.repository';
import { CapsuleServicesService } from './capsule-services.service';
import { CatalogRepository } from './catalog.repository';
import { ServiceReportService } from './service-report.service';

/**
 * Capsule Services, their catalog (configs, actions) and health history: the admin API and the
 * report upsert the agent gateway (src/agent-gateway/) calls.
 */
@Module({
  imports: [AuditModule, SettingsModule, AgentsModule],
  controllers: [CapsuleServicesController, AgentDetailController],
  providers: [CapsuleServicesRepository, CatalogRepository, CapsuleServicesService, ServiceReportService],
  exports: [CapsuleServicesService, ServiceReportService],
})
export class CapsuleServicesModule {}
