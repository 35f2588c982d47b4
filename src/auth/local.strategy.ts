import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { contextOf } from '../common/context/ctx.decorator';
import type { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';

/** passport-local for the credential check of `POST /auth/login` only; sessions are our own. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: Request, username: string, password: string): Promise<UserEntity> {
    const ctx = contextOf(req);
    if (!ctx) throw new Error('RequestContext missing: the policy guard did not run');
    return this.auth.verifyCredentials(ctx, username, password);
  }
}
