import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';
import { Strategy } from 'passport-local';
import { contextOf } from '../common/context/ctx.decorator';
import { unauthorized } from '../common/errors/domain-error';
import { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';

/**
 * passport-local for the credential check of `POST /auth/login` only; sessions are our own.
 *
 * The strategy is registered on an `Authenticator` of its own, not on passport's process-wide
 * default: strategies there are keyed by name only, so a second application in the same process
 * (tests, replica tests) replaced this one and logins on the first were checked against the
 * second's users. Each application checks credentials against its own database (docs/design/architecture.md,
 * "House rules").
 */
@Injectable()
export class LocalStrategy {
  private readonly passport = new passport.Authenticator();

  constructor(private readonly auth: AuthService) {
    this.passport.use(
      'local',
      new Strategy(
        { usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false },
        (req, username, password, done) => {
          this.validate(req, username, password).then(
            (user) => done(null, user),
            (error: unknown) => done(error),
          );
        },
      ),
    );
  }

  /** The verified user, or the error `verifyCredentials` threw (401, 429); passport's own refusal is 401 too. */
  authenticate(req: Request, res: Response): Promise<UserEntity> {
    return new Promise<UserEntity>((resolve, reject) => {
      const middleware = this.passport.authenticate('local', { session: false }, (error: unknown, user: unknown) => {
        if (error !== null && error !== undefined) reject(asError(error));
        else if (user instanceof UserEntity) resolve(user);
        else reject(unauthorized());
      }) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
      // Only a strategy that passes (passport-local never does) reaches `next`: not a verified login.
      middleware(req, res, (error?: unknown) => reject(error === undefined ? unauthorized() : asError(error)));
    });
  }

  private async validate(req: Request, username: string, password: string): Promise<UserEntity> {
    const ctx = contextOf(req);
    if (!ctx) throw new Error('RequestContext missing: the policy guard did not run');
    return this.auth.verifyCredentials(ctx, username, password);
  }
}

/**
 * Any object is passed on as it is, so the exception filter still sees its code (a lost database's
 * ECONNREFUSED or 57P01 is 503 DATABASE_UNAVAILABLE). Node's own errors fail `instanceof Error` when they
 * come from another realm (under jest), and wrapping them lost the code: a 500.
 */
function asError(error: unknown): Error {
  return typeof error === 'object' && error !== null ? (error as Error) : new Error(String(error));
}
