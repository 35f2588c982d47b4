import { Module } from '@nestjs/common';
import { CountersService } from './counters.service';
import { SystemController } from './system.controller';
import { SystemRepository } from './system.repository';
import { SystemService } from './system.service';

@Module({
  controllers: [SystemController],
  providers: [SystemRepository, SystemService, CountersService],
  exports: [SystemService, CountersService],
})
export class SystemModule {}
