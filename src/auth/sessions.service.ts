import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RequestContext } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { IdGenerator } from '../common/ids/id-generator';
import { UserSessions } from '../users/user-sessions.port';
import type { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

/** 32 random bytes in base64url: what TokenService.generate() yields without a prefix. */
const RAW_SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface CreatedSession {
  /** The cookie value; shown to the browser once and never stored. */
  rawId: string;
  session: SessionEntity;
}

/**
 * Database sessions (decision 6). Only SHA-256(raw id) is stored, so a leaked database or backup
 * cannot be replayed as a cookie. TTL is absolute from login. This sits below the users module
 * (it needs nothing but the database) so user changes can end sessions in their own transaction.
 */
@Injectable()
export class SessionsService implements UserSessions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SessionsRepository,
    private readonly tokens: TokenService,
    private readonly ids: IdGenerator,
  ) {}

  async create(ctx: RequestContext, userId: string, em: EntityManager): Promise<CreatedSession> {
    const rawId = this.tokens.generate();
    const session: SessionEntity = {
      id: this.ids.next('ses'),
      userId,
      idHash: this.tokens.hash(rawId),
      csrfToken: this.tokens.generate(),
      expiresAt: new Date(ctx.now.getTime() + this.config.sessionTtlSeconds * 1000).toISOString(),
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      createdAt: ctx.nowIso,
    };
    await this.repository.insert(session, em);
    return { rawId, session };
  }

  /** The live session for a cookie value, or null. An expired row is deleted on sight. */
  async resolve(rawId: string | undefined, now: Date): Promise<SessionEntity | null> {
    if (!rawId || !RAW_SESSION_ID.test(rawId)) return null;
    const session = await this.repository.findByIdHash(this.tokens.hash(rawId));
    if (!session) return null;
    if (session.expiresAt <= now.toISOString()) {
      await this.repository.deleteById(session.id);
      return null;
    }
    return session;
  }

  findById(id: string): Promise<SessionEntity | null> {
    return this.repository.findById(id);
  }

  /** Ends the session a browser presented (login replaces it, so an old id never lingers). */
  async endByRawId(rawId: string | undefined, em: EntityManager): Promise<number> {
    if (!rawId || !RAW_SESSION_ID.test(rawId)) return 0;
    return this.repository.deleteByIdHash(this.tokens.hash(rawId), em);
  }

  end(sessionId: string, em: EntityManager): Promise<number> {
    return this.repository.deleteById(sessionId, em);
  }

  /** Ends every session of a user: password reset, disable and role change call this in their transaction. */
  revokeAllForUser(userId: string, em: EntityManager): Promise<number> {
    return this.repository.deleteByUser(userId, em);
  }

  /** A fresh synchronizer token for the session; the previous one stops working at once. */
  async rotateCsrf(sessionId: string, em: EntityManager): Promise<string | null> {
    const csrfToken = this.tokens.generate();
    return (await this.repository.updateCsrf(sessionId, csrfToken, em)) ? csrfToken : null;
  }

  /** Constant-time check of a presented CSRF token against the session's. */
  csrfMatches(session: SessionEntity, presented: string | undefined): boolean {
    if (typeof presented !== 'string' || presented.length === 0) return false;
    return this.tokens.safeEqual(presented, session.csrfToken);
  }

  /** For the maintenance sweep: deletes sessions whose absolute TTL has passed; returns the count. */
  purgeExpired(ctx: RequestContext, now: Date = ctx.now): Promise<number> {
    return this.repository.deleteExpired(now.toISOString());
  }

  countForUser(userId: string): Promise<number> {
    return this.repository.countByUser(userId);
  }
}
