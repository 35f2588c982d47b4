import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const SESSION_COOKIE = 'opstage_session';

/**
 * `OPSTAGE_COOKIE_SECURE`: `true`/`false` force the flag; `auto` is the reference's rule, Secure unless
 * NODE_ENV is development or test (so an unset NODE_ENV gets a Secure cookie).
 */
export function cookieIsSecure(config: Pick<AppConfig, 'cookieSecure' | 'nodeEnv'>): boolean {
  if (config.cookieSecure === 'true') return true;
  if (config.cookieSecure === 'false') return false;
  return config.nodeEnv !== 'development' && config.nodeEnv !== 'test';
}

/** HTTPS as the browser saw it: directly, or through a proxy that says so. */
export function requestIsHttps(req: Request): boolean {
  if (req.secure) return true;
  const forwarded = req.header('x-forwarded-proto');
  return typeof forwarded === 'string' && forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Writes and clears `opstage_session` with the attributes in docs/operators.md, "The session cookie, and consoles
 * served over plain HTTP". */
@Injectable()
export class SessionCookie {
  private readonly logger = new Logger('auth');
  private readonly secure: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secure = cookieIsSecure(config);
  }

  /**
   * Sets the cookie; returns true when it was marked Secure on a plain-HTTP request, which
   * browsers silently drop (the first console failure in the troubleshooting guide).
   */
  set(req: Request, res: Response, rawId: string): boolean {
    res.cookie(SESSION_COOKIE, rawId, { ...this.options(), maxAge: this.config.sessionTtlSeconds * 1000 });
    const secureOverHttp = this.secure && !requestIsHttps(req);
    if (secureOverHttp) {
      this.logger.warn({
        msg: 'session cookie is Secure but the login came over plain HTTP; browsers will drop it. Serve over HTTPS, or set OPSTAGE_COOKIE_SECURE=false (or NODE_ENV=development) for a trusted plain-HTTP network',
        cookieSecure: this.config.cookieSecure,
        nodeEnv: this.config.nodeEnv ?? null,
      });
    }
    return secureOverHttp;
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.options());
  }

  read(req: Request): string | undefined {
    const cookies: unknown = req.cookies;
    if (!cookies || typeof cookies !== 'object') return undefined;
    const value = (cookies as Record<string, unknown>)[SESSION_COOKIE];
    return typeof value === 'string' ? value : undefined;
  }

  private options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure };
  }
}
