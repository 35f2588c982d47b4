import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionAuthenticator } from '../common/auth/authenticators';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DatabaseSessionAuthenticator } from './database-session.authenticator';
import { LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SessionCookie } from './session-cookie';
import { SessionsModule } from './sessions.module';

/**
 * Operator login on database sessions. Exports the `SessionAuthenticator` the global policy
 * guard uses, and for the maintenance sweep `SessionsService` (re-exported: `purgeExpired`) and
 * `LoginThrottle` (`pruneEnded`).
 */
@Module({
  imports: [AuditModule, UsersModule, SessionsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    LoginThrottle,
    LoginThrottleRepository,
    SessionCookie,
    DatabaseSessionAuthenticator,
    { provide: SessionAuthenticator, useExisting: DatabaseSessionAuthenticator },
  ],
  exports: [SessionAuthenticator, SessionsModule, LoginThrottle],
})
export class AuthModule {}
