import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { CommandsModule } from '../commands/commands.module';
import { BulkController } from './bulk.controller';
import { BulkService } from './bulk.service';

@Module({
  imports: [AuditModule, AgentsModule, CommandsModule],
  controllers: [BulkController],
  providers: [BulkService],
})
export class BulkModule {}
