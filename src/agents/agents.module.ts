import { Module } from '@nestjs/common';
import { AgentAuthenticator } from '../common/auth/authenticators';
import { unauthorized } from '../common/errors/domain-error';

/** Placeholder until agent tokens land: every agent route answers 401. */
class NoAgentAuthenticator extends AgentAuthenticator {
  authenticate(): Promise<never> {
    return Promise.reject(unauthorized('Agent token required.'));
  }
}

@Module({
  providers: [{ provide: AgentAuthenticator, useClass: NoAgentAuthenticator }],
  exports: [AgentAuthenticator],
})
export class AgentsModule {}
