import { Module } from '@nestjs/common';
import { ApprovalSettingsService } from './approval-settings.service';
import { RuntimeSettingsService } from './runtime-settings.service';
import { SettingsRepository } from './settings.repository';

@Module({
  providers: [SettingsRepository, RuntimeSettingsService, ApprovalSettingsService],
  exports: [RuntimeSettingsService, ApprovalSettingsService],
})
export class SettingsModule {}
