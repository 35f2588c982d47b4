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

@Module({
  imports: [AuditModule, SettingsModule, RegistrationTokensModule, AgentsModule],
  controllers: [AgentGatewayController, CapsuleServicesController, AgentDetailController],
  providers: [CapsuleServicesRepository, CatalogRepository, CapsuleServicesService, ServiceReportService, AgentGatewayService],
  exports: [CapsuleServicesService],
})
export class CapsuleServicesModule {}
