import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { AgentsReader } from './api/agents-reader';
import { AuditRecorder } from './api/audit-recorder';
import { CommandEnqueuer } from './api/command-enqueuer';

/**
 * What an extension imports to reach the core: the curated facades only. `Clock`,
 * `IdGenerator`, `TransactionRunner` and the event bus are global providers and need no import.
 * Core repositories and entities are deliberately not exported.
 */
@Module({
  imports: [AuditModule, AgentsModule, CapsuleServicesModule, CommandsModule],
  providers: [AgentsReader, CommandEnqueuer, AuditRecorder],
  exports: [AgentsReader, CommandEnqueuer, AuditRecorder],
})
export class ExtensionApiModule {}
