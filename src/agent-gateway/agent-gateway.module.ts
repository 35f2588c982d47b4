import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { BusModule } from '../bus/bus.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { AgentAuthenticator } from '../common/auth/authenticators';
import { RegistrationTokensModule } from '../registration-tokens/registration-tokens.module';
import { SystemModule } from '../system/system.module';
import { AgentBusController } from './agent-bus.controller';
import { AgentFastPath } from './agent-fast-path';
import { TokenAgentAuthenticator } from './agent-authenticator';
import { AgentCommandsController } from './agent-commands.controller';
import { AgentGatewayController } from './agent-gateway.controller';
import { AgentGatewayService } from './agent-gateway.service';
import { AgentLivenessService } from './agent-liveness.service';
import { LivenessModule } from './liveness.module';

/**
 * Every `/api/agents/*` route (register, heartbeat, services report, command poll and result, bus
 * events), the agent bearer authentication the global policy guard calls, and the liveness
 * write-behind. It sits above the domain modules it calls; nothing below imports it. See
 * docs/design/architecture.md, "Module map".
 */
@Module({
  imports: [
    LivenessModule,
    AuditModule,
    SystemModule,
    RegistrationTokensModule,
    AgentsModule,
    CapsuleServicesModule,
    CommandsModule,
    BusModule,
  ],
  controllers: [AgentGatewayController, AgentCommandsController, AgentBusController],
  providers: [
    AgentGatewayService,
    AgentLivenessService,
    AgentFastPath,
    { provide: AgentAuthenticator, useClass: TokenAgentAuthenticator },
  ],
  exports: [AgentAuthenticator],
})
export class AgentGatewayModule {}
