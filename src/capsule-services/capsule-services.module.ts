import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AgentDetailController, CapsuleServicesController } from './capsule-services.controller';
import { CapsuleServicesRepository } from './capsule-services.repository';
import { CapsuleServicesService } from './capsule-services.service';
import { CatalogRepository } from './catalog.repository';
import { ServiceReportService } from './service-report.service';
import { HealthHistoryWriter } from './health-history';
import { ServiceHealthController } from './service-health.controller';
import { ServiceHealthQueries } from './service-health.queries';

/**
 * Capsule Services, their catalog (configs, actions) and health history: the admin API and the
 * report upsert the agent gateway (src/agent-gateway/) calls.
 */
@Module({
  imports: [AuditModule, SettingsModule, AgentsModule],
  // ServiceHealthController first: its fixed paths (`labels`, `health-timelines`) must win over `:serviceId`.
  controllers: [ServiceHealthController, CapsuleServicesController, AgentDetailController],
  providers: [
    CapsuleServicesRepository,
    CatalogRepository,
    CapsuleServicesService,
    ServiceReportService,
    HealthHistoryWriter,
    ServiceHealthQueries,
  ],
  exports: [CapsuleServicesService, ServiceReportService, ServiceHealthQueries],
})
export class CapsuleServicesModule {}
