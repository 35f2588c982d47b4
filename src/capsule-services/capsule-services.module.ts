import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { RegistrationTokensModule } from '../registration-tokens/registration-tokens.module';
import { SettingsModule } from '../settings/settings.module';
import { AgentGatewayController } from './agent-gateway.controller';
import { AgentGatewayService } from './agent-gateway.service';
import { AgentDetailController, CapsuleServicesController } from './capsule-services.controller';
import { CapsuleServicesRepository } from './capsule-services.repository';
import { CapsuleServicesService } from './capsule-services.service';
import { CatalogRepository } from './catalog.repository';
import { ServiceReportService } from './service-report.service';
import { HealthHistoryWriter } from './health-history';
import { ServiceHealthController } from './service-health.controller';
import { ServiceHealthQueries } from './service-health.queries';

@Module({
  imports: [AuditModule, SettingsModule, RegistrationTokensModule, AgentsModule],
  // ServiceHealthController first: its fixed paths (`labels`, `health-timelines`) must win over `:serviceId`.
  controllers: [AgentGatewayController, ServiceHealthController, CapsuleServicesController, AgentDetailController],
  providers: [CapsuleServicesRepository, CatalogRepository, CapsuleServicesService, ServiceReportService, AgentGatewayService, HealthHistoryWriter, ServiceHealthQueries],
  exports: [CapsuleServicesService, ServiceHealthQueries],
})
export class CapsuleServicesModule {}
