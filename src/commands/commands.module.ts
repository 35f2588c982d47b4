import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { SettingsModule } from '../settings/settings.module';
import { SystemModule } from '../system/system.module';
import { ActionExecutionService } from './action-execution.service';
import { ActionsController } from './actions.controller';
import { CancelNoticeIndex } from './cancel-notice-index';
import { CommandDispatchService } from './command-dispatch.service';
import { CommandNotifier, InMemoryCommandNotifier } from './command-notifier';
import { CommandQueriesService } from './command-queries.service';
import { CommandResultsService } from './command-results.service';
import { CommandRepository } from './command.repository';
import { CommandsController } from './commands.controller';
import { CommandsService } from './commands.service';

/**
 * Commands: the admin API (execute, prepare, list, cancel, retry, reveal) and the dispatch and
 * result rules the agent gateway (src/agent-gateway/) calls for the agent's poll and result.
 */
@Module({
  imports: [AuditModule, SettingsModule, SystemModule, AgentsModule, CapsuleServicesModule],
  controllers: [ActionsController, CommandsController],
  providers: [
    CommandRepository,
    CommandsService,
    CommandQueriesService,
    CommandDispatchService,
    CancelNoticeIndex,
    CommandResultsService,
    ActionExecutionService,
    // One instance per process; replace with a LISTEN/NOTIFY implementation for several replicas.
    { provide: CommandNotifier, useFactory: () => new InMemoryCommandNotifier() },
  ],
  exports: [CommandsService, CommandDispatchService, CommandResultsService, CommandNotifier, CommandQueriesService],
})
export class CommandsModule {}
