import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AgentTokensRepository } from './agent-tokens.repository';
import { AgentsController } from './agents.controller';
import { AgentsRepository } from './agents.repository';
import { AgentsService } from './agents.service';

/**
 * Agents and their tokens: the admin API (list, disable, enable, revoke, delete) and the domain
 * rules the agent gateway (src/agent-gateway/) calls for registration, authentication and liveness.
 */
@Module({
  imports: [AuditModule, SettingsModule],
  controllers: [AgentsController],
  providers: [AgentsRepository, AgentTokensRepository, AgentsService],
  exports: [AgentsService],
})
export class AgentsModule {}
