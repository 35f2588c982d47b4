import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SessionAuthenticator } from '../common/auth/authenticators';
import type { UserPrincipal } from '../common/auth/principal';
import { DomainError, unauthorized } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { UsersRepository } from '../users/users.repository';
import type { SessionEntity } from './session.entity';
import { SessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * cookie → SHA-256 → sessions row (not expired) → ACTIVE user, on every request, so role
 * changes and disables take effect at once. The CSRF token is bound to the session (derived from
 * its cookie, docs/security.md) and compared in constant time.
 */
@Injectable()
export class DatabaseSessionAuthenticator extends SessionAuthenticator {
  /** The session row found by `authenticate`, reused by `verifyCsrf` for the same request. */
  private readonly resolved = new WeakMap<Request, SessionEntity>();

  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly cookie: SessionCookie,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(req: Request): Promise<UserPrincipal> {
    const session = await this.sessions.resolve(this.cookie.read(req), this.clock.now());
    if (!session) throw unauthorized();
    const user = await this.users.findById(session.userId);
    if (!user || user.status !== 'ACTIVE') throw unauthorized();
    this.resolved.set(req, session);
    return { kind: 'user', id: user.id, username: user.username, role: user.role, sessionId: session.id };
  }

  async verifyCsrf(req: Request, principal: UserPrincipal): Promise<void> {
    const session = this.resolved.get(req) ?? (await this.sessions.findById(principal.sessionId));
    const presented = req.header(CSRF_HEADER);
    if (
      !session ||
      session.id !== principal.sessionId ||
      !this.sessions.csrfMatches(this.cookie.read(req), presented)
    ) {
      throw new DomainError('CSRF_INVALID', 'CSRF token missing or invalid.');
    }
  }
}
