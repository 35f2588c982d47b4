import { Module } from '@nestjs/common';
import { SessionAuthenticator } from '../common/auth/authenticators';
import { unauthorized } from '../common/errors/domain-error';

/** Placeholder until database sessions land: every session-protected route answers 401. */
class NoSessionAuthenticator extends SessionAuthenticator {
  authenticate(): Promise<never> {
    return Promise.reject(unauthorized());
  }
  verifyCsrf(): Promise<void> {
    return Promise.resolve();
  }
}

@Module({
  providers: [{ provide: SessionAuthenticator, useClass: NoSessionAuthenticator }],
  exports: [SessionAuthenticator],
})
export class AuthModule {}
