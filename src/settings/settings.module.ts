import { Module } from '@nestjs/common';
import { RuntimeSettingsService } from './runtime-settings.service';
import { SettingsRepository } from './settings.repository';

@Module({
  providers: [SettingsRepository, RuntimeSettingsService],
  exports: [RuntimeSettingsService],
})
export class SettingsModule {}
