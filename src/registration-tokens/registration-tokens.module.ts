import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RegistrationTokensController } from './registration-tokens.controller';
import { RegistrationTokensRepository } from './registration-tokens.repository';
import { RegistrationTokensService } from './registration-tokens.service';

@Module({
  imports: [AuditModule],
  controllers: [RegistrationTokensController],
  providers: [RegistrationTokensRepository, RegistrationTokensService],
  exports: [RegistrationTokensService],
})
export class RegistrationTokensModule {}
