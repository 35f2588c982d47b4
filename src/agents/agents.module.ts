import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AgentAuthenticator } from '../common/auth/authenticators';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { SettingsModule } from '../settings/settings.module';
import { SystemModule } from '../system/system.module';
import { TokenAgentAuthenticator } from './agent-authenticator';
import { AgentLivenessService } from './agent-liveness.service';
import { AgentTokensRepository } from './agent-tokens.repository';
import { AgentsController } from './agents.controller';
import { AgentsRepository } from './agents.repository';
import { AgentsService } from './agents.service';
import { HeartbeatExtensions } from './heartbeat-extensions';
import { LivenessWriter } from './liveness-writer';

@Module({
  imports: [AuditModule, SettingsModule, SystemModule],
  controllers: [AgentsController],
  providers: [
    AgentsRepository,
    AgentTokensRepository,
    AgentsService,
    AgentLivenessService,
    LivenessWriter,
    HeartbeatExtensions,
    { provide: AgentAuthenticator, useClass: TokenAgentAuthenticator },
    { provide: ReadBarrier, useExisting: LivenessWriter },
  ],
  exports: [AgentAuthenticator, ReadBarrier, AgentsService, AgentLivenessService, LivenessWriter, HeartbeatExtensions],
})
export class AgentsModule {}
