import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { AuditModule } from '../audit/audit.module';
import { CommandsModule } from '../commands/commands.module';
import { SettingsModule } from '../settings/settings.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

/** Four-eyes approval of dangerous commands; its own module because it needs both commands and API tokens. */
@Module({
  imports: [AuditModule, SettingsModule, CommandsModule, ApiTokensModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
