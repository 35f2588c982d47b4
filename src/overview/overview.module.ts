import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** Read models across agents, services and commands (top of the module graph; nothing imports it). */
@Module({
  imports: [AgentsModule, CapsuleServicesModule, CommandsModule],
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
