import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RequestContext } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { IdGenerator } from '../common/ids/id-generator';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { UserSessions } from '../users/user-sessions.port';
import type { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import type { Tx } from '../database/transaction';

/** 32 random bytes in base64url: what TokenService.generate() yields without a prefix. */
const RAW_SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface CreatedSession {
  /** The cookie value; shown to the browser once and never stored. */
  rawId: string;
  session: SessionEntity;
  csrfToken: string;
}

/**
 * Database sessions (docs/design/decisions.md, "Sessions in the database"). Only SHA-256(raw id) is stored, so a leaked database or backup
 * cannot be replayed as a cookie. The CSRF token is derived from the raw id with an HMAC keyed
 * from the session secret, so it is stored nowhere (a backup holds neither half), reading it
 * never changes it, and it ends with the session. TTL is absolute from login. This sits below the users module
 * (it needs nothing but the database) so user changes can end sessions in their own transaction.
 */
@Injectable()
export class SessionsService implements UserSessions {
  private readonly csrfKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SessionsRepository,
    private readonly tokens: TokenService,
    private readonly ids: IdGenerator,
    private readonly tx: TransactionRunner,
  ) {
    this.csrfKey = Buffer.from(hkdfSync('sha256', config.sessionSecret, 'opstage-ce', 'csrf-v1', 32));
  }

  async create(ctx: RequestContext, userId: string, em: Tx): Promise<CreatedSession> {
    const rawId = this.tokens.generate();
    const session: SessionEntity = {
      id: this.ids.next('ses'),
      userId,
      idHash: this.tokens.hash(rawId),
      expiresAt: new Date(ctx.now.getTime() + this.config.sessionTtlSeconds * 1000).toISOString(),
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      createdAt: ctx.nowIso,
    };
    await this.repository.insert(session, em);
    return { rawId, session, csrfToken: this.csrfFor(rawId) };
  }

  /** The live session for a cookie value, or null. An expired row is deleted on sight. */
  async resolve(rawId: string | undefined, now: Date): Promise<SessionEntity | null> {
    if (!rawId || !RAW_SESSION_ID.test(rawId)) return null;
    const session = await this.repository.findByIdHash(this.tokens.hash(rawId));
    if (!session) return null;
    if (session.expiresAt <= now.toISOString()) {
      await this.tx.run((tx) => this.repository.deleteById(session.id, tx));
      return null;
    }
    return session;
  }

  findById(id: string): Promise<SessionEntity | null> {
    return this.repository.findById(id);
  }

  /** Ends the session a browser presented (login replaces it, so an old id never lingers). */
  async endByRawId(rawId: string | undefined, em: Tx): Promise<number> {
    if (!rawId || !RAW_SESSION_ID.test(rawId)) return 0;
    return this.repository.deleteByIdHash(this.tokens.hash(rawId), em);
  }

  end(sessionId: string, em: Tx): Promise<number> {
    return this.repository.deleteById(sessionId, em);
  }

  /** Ends every session of a user: password reset, disable and role change call this in their transaction. */
  revokeAllForUser(userId: string, em: Tx): Promise<number> {
    return this.repository.deleteByUser(userId, em);
  }

  /** The session's CSRF token: HMAC-SHA256 of the cookie's raw id (43 base64url chars). */
  csrfFor(rawId: string): string {
    return createHmac('sha256', this.csrfKey).update(rawId).digest('base64url');
  }

  /** Constant-time check of a presented CSRF token against the one derived from the cookie. */
  csrfMatches(rawId: string | undefined, presented: string | undefined): boolean {
    if (!rawId || typeof presented !== 'string' || presented.length === 0) return false;
    return this.tokens.safeEqual(presented, this.csrfFor(rawId));
  }

  /** Sweep step, one batch in its own transaction: sessions whose absolute TTL has passed. */
  purgeExpired(nowIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.repository.deleteExpired(nowIso, limit, em));
  }

  countForUser(userId: string): Promise<number> {
    return this.repository.countByUser(userId);
  }
}
