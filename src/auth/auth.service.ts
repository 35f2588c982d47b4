import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { UserPrincipal } from '../common/auth/principal';
import type { RequestContext } from '../common/context/request-context';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { unauthorized } from '../common/errors/domain-error';
import { TransactionRunner } from '../database/transaction-runner';
import type { UserEntity } from '../users/user.entity';
import { toPublicUser, type PublicUser } from '../users/users.mapper';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';
import { SessionsService } from './sessions.service';

export const INVALID_LOGIN_MESSAGE = 'Invalid username or password.';

export interface SessionView {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

export interface LoginResult extends SessionView {
  /** The new cookie value; the controller writes it and it is never stored. */
  rawSessionId: string;
}

/** Login, logout, `me` and CSRF rotation (backend.md §4.3 with decisions 5–7). */
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
   * The credential check behind the passport-local strategy. Unknown users cost one argon2
   * verification like known ones; unknown, disabled and wrong-password share one answer.
   */
  async verifyCredentials(ctx: RequestContext, username: string, password: string): Promise<UserEntity> {
    this.throttle.assertAllowed(username, ctx.ip);
    const user = await this.users.findByUsername(username);
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (user && ok && user.status === 'ACTIVE') return user;
    this.throttle.recordFailure(username, ctx.ip);
    await this.audit.record(ctx, {
      action: 'session.login.failed',
      result: 'FAILURE',
      message: 'Invalid login attempt',
      metadata: { username },
      actor: { type: 'USER', id: null },
    });
    throw unauthorized(INVALID_LOGIN_MESSAGE);
  }

  /**
   * Always a brand-new session id (no fixation); the session the browser presented, if any,
   * ends in the same transaction.
   */
  async login(ctx: RequestContext, user: UserEntity, presentedRawId: string | undefined): Promise<LoginResult> {
    this.throttle.recordSuccess(user.username, ctx.ip);
    return this.tx.run(async (em) => {
      await this.sessions.endByRawId(presentedRawId, em);
      const { rawId, session } = await this.sessions.create(ctx, user.id, em);
      await this.users.update(user.id, { lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }, em);
      await this.audit.record(ctx, { action: 'session.login.succeeded', actor: { type: 'USER', id: user.id } }, em);
      return {
        user: toPublicUser({ ...user, lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso }),
        csrfToken: session.csrfToken,
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

  async me(ctx: RequestContext): Promise<SessionView> {
    const principal = userOf(ctx);
    const [session, user] = await Promise.all([this.sessions.findById(principal.sessionId), this.users.findById(principal.id)]);
    if (!session || !user) throw unauthorized();
    return { user: toPublicUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  /** Rotates the synchronizer token; the old one stops working immediately. The TTL does not slide. */
  async refreshCsrf(ctx: RequestContext): Promise<{ csrfToken: string; expiresAt: string }> {
    const principal = userOf(ctx);
    return this.tx.run(async (em) => {
      const session = await this.sessions.findById(principal.sessionId);
      const csrfToken = session ? await this.sessions.rotateCsrf(session.id, em) : null;
      if (!session || !csrfToken) throw unauthorized();
      await this.audit.record(ctx, { action: 'session.csrf.refreshed', targetType: 'User', targetId: principal.id }, em);
      return { csrfToken, expiresAt: session.expiresAt };
    });
  }
}

function userOf(ctx: RequestContext): UserPrincipal {
  if (ctx.principal.kind !== 'user') throw unauthorized();
  return ctx.principal;
}
