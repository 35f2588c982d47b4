import { Module, type OnModuleInit } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { HeartbeatExtensions } from '../agents/heartbeat-extensions';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { SettingsModule } from '../settings/settings.module';
import { SystemModule } from '../system/system.module';
import { ActionExecutionService } from './action-execution.service';
import { ActionsController } from './actions.controller';
import { CancelNoticeIndex } from './cancel-notice-index';
import { CommandDispatchService } from './command-dispatch.service';
import { CommandGatewayController } from './command-gateway.controller';
import { CommandNotifier, InMemoryCommandNotifier } from './command-notifier';
import { CommandQueriesService } from './command-queries.service';
import { CommandResultsService } from './command-results.service';
import { CommandTargets } from './command-targets';
import { CommandRepository } from './command.repository';
import { CommandsController } from './commands.controller';
import { CommandsService } from './commands.service';

@Module({
  imports: [AuditModule, SettingsModule, SystemModule, AgentsModule, CapsuleServicesModule],
  controllers: [ActionsController, CommandsController, CommandGatewayController],
  providers: [
    CommandRepository,
    CommandTargets,
    CommandsService,
    CommandQueriesService,
    CommandDispatchService,
    CancelNoticeIndex,
    CommandResultsService,
    ActionExecutionService,
    // One instance per process; replace with a LISTEN/NOTIFY implementation for several replicas.
    { provide: CommandNotifier, useFactory: () => new InMemoryCommandNotifier() },
  ],
  exports: [CommandsService, CommandNotifier, CommandQueriesService],
})
export class CommandsModule implements OnModuleInit {
  constructor(
    private readonly heartbeats: HeartbeatExtensions,
    private readonly dispatch: CommandDispatchService,
  ) {}

  /** Heartbeat responses carry `cancelledCommandIds` too (decision 17). */
  onModuleInit(): void {
    this.heartbeats.register(async (agentId, nowIso) => ({ cancelledCommandIds: await this.dispatch.cancelledIds(agentId, nowIso) }));
  }
}
