import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { UserPrincipal } from '../common/auth/principal';
import type { RequestContext } from '../common/context/request-context';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { unauthorized } from '../common/errors/domain-error';
import { TransactionRunner } from '../database/transaction-runner';
import type { UserEntity } from '../users/user.entity';
import { toPublicUser } from '../users/users.mapper';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';
import { SessionsService } from './sessions.service';
import type { SessionView } from '../contracts';

export const INVALID_LOGIN_MESSAGE = 'Invalid username or password.';

export interface LoginResult extends SessionView {
  /** The new cookie value; the controller writes it and it is never stored. */
  rawSessionId: string;
}

/** Login, logout, `me` and the CSRF token (docs/security.md). */
@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The credential check behind the passport-local strategy. The attempt takes its throttle slot
   * before the slow hash (so a burst cannot outrun the limit); unknown users cost one argon2
   * verification like known ones; unknown, disabled and wrong-password share one answer.
   */
  async verifyCredentials(ctx: RequestContext, username: string, password: string): Promise<UserEntity> {
    const reservation = await this.throttle.reserve(username, ctx.ip);
    const user = await this.users.findByUsername(username);
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (user && ok && user.status === 'ACTIVE') {
      await this.throttle.succeeded(reservation);
      return user;
    }
    // What was typed is stored only when it names a real account: a password typed into the
    // username field must not end up in an audit row viewers can read.
    await this.audit.recordNow(ctx, {
      action: 'session.login.failed',
      result: 'FAILURE',
      message: 'Invalid login attempt',
      metadata: user ? { userKnown: true, username: user.username } : { userKnown: false },
      actor: { type: 'USER', id: null },
    });
    throw unauthorized(INVALID_LOGIN_MESSAGE);
  }

  /**
   * Always a brand-new session id (no fixation); the session the browser presented, if any,
   * ends in the same transaction.
   */
  async login(ctx: RequestContext, user: UserEntity, presentedRawId: string | undefined): Promise<LoginResult> {
    return this.tx.run(async (em) => {
      await this.sessions.endByRawId(presentedRawId, em);
      const { rawId, session, csrfToken } = await this.sessions.create(ctx, user.id, em);
      await this.users.update(user.id, { lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }, em);
      await this.audit.record(ctx, { action: 'session.login.succeeded', actor: { type: 'USER', id: user.id } }, em);
      return {
        user: toPublicUser({ ...user, lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }),
        csrfToken,
        expiresAt: session.expiresAt,
        rawSessionId: rawId,
      };
    });
  }

  async logout(ctx: RequestContext): Promise<void> {
    const principal = userOf(ctx);
    await this.tx.run(async (em) => {
      await this.sessions.end(principal.sessionId, em);
      await this.audit.record(ctx, { action: 'session.logout', targetType: 'User', targetId: principal.id }, em);
    });
  }

  /** `rawSessionId` is the cookie the authenticator already matched to this session. */
  async me(ctx: RequestContext, rawSessionId: string | undefined): Promise<SessionView> {
    const principal = userOf(ctx);
    const [session, user] = await Promise.all([
      this.sessions.findById(principal.sessionId),
      this.users.findById(principal.id),
    ]);
    if (!session || !user || !rawSessionId) throw unauthorized();
    return { user: toPublicUser(user), csrfToken: this.sessions.csrfFor(rawSessionId), expiresAt: session.expiresAt };
  }

  /** The session's current CSRF token: a plain read, nothing changes (no state change on GET). */
  async csrf(ctx: RequestContext, rawSessionId: string | undefined): Promise<{ csrfToken: string; expiresAt: string }> {
    const { csrfToken, expiresAt } = await this.me(ctx, rawSessionId);
    return { csrfToken, expiresAt };
  }
}

function userOf(ctx: RequestContext): UserPrincipal {
  if (ctx.principal.kind !== 'user') throw unauthorized();
  return ctx.principal;
}
