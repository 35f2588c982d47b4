import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { CommandsModule } from '../commands/commands.module';
import { ApiTokenAuthenticator } from '../common/auth/authenticators';
import { UsersModule } from '../users/users.module';
import { HashedApiTokenAuthenticator } from './api-token.authenticator';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

/**
 * API tokens for scripts and CI (docs/api-tokens-and-cli.md). Exports the `ApiTokenAuthenticator` the global
 * policy guard uses, and `ApiTokensService` for the maintenance sweep (`purgeStale`).
 */
@Module({
  imports: [AuditModule, AuthModule, UsersModule, CapsuleServicesModule, CommandsModule],
  controllers: [ApiTokensController],
  providers: [
    ApiTokensRepository,
    ApiTokensService,
    HashedApiTokenAuthenticator,
    { provide: ApiTokenAuthenticator, useExisting: HashedApiTokenAuthenticator },
  ],
  exports: [ApiTokenAuthenticator, ApiTokensService],
})
export class ApiTokensModule {}
