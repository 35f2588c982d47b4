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
import { ClusterBus } from '../cluster/cluster-bus';
import { ClusterCommandNotifier } from './cluster-command-notifier';
import { CommandCreationService } from './command-creation.service';
import { CommandNotifier } from './command-notifier';
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
    CommandCreationService,
    CommandQueriesService,
    CommandDispatchService,
    CancelNoticeIndex,
    CommandResultsService,
    ActionExecutionService,
    // Signals cross replicas through the cluster bus (in-process on SQLite).
    {
      provide: CommandNotifier,
      useFactory: (bus: ClusterBus) => new ClusterCommandNotifier(bus),
      inject: [ClusterBus],
    },
  ],
  exports: [
    CommandsService,
    CommandCreationService,
    CommandDispatchService,
    CommandResultsService,
    CommandNotifier,
    CommandQueriesService,
    CommandRepository,
  ],
})
export class CommandsModule {}
