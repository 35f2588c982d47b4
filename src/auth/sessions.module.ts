import { Global, Module } from '@nestjs/common';
import { UserSessions } from '../users/user-sessions.port';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * The session store alone, depending only on the database. Global so the users module can end
 * sessions inside its own transactions through the `UserSessions` port it declares, without
 * importing auth/ (the module DAG runs users ← auth). AuthModule builds login and the
 * authenticator on top and re-exports it for the maintenance sweep (`purgeExpired`).
 */
@Global()
@Module({
  providers: [SessionsRepository, SessionsService, { provide: UserSessions, useExisting: SessionsService }],
  exports: [SessionsService, UserSessions],
})
export class SessionsModule {}
