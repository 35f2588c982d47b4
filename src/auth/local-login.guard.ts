import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { unauthorized } from '../common/errors/domain-error';
import { UserEntity } from '../users/user.entity';
import { parseBody } from '../users/dto/parse-body';
import { LoginDto } from './dto/login.dto';
import { LocalStrategy } from './local.strategy';

/**
 * Runs this application's passport-local strategy on the login route. Guards run before pipes, so
 * the body is validated here first: a malformed body is 422 with paths, never passport's bare 401.
 */
@Injectable()
export class LocalLoginGuard implements CanActivate {
  constructor(private readonly strategy: LocalStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    parseBody(LoginDto, req.body);
    req.user = await this.strategy.authenticate(req, http.getResponse<Response>());
    return true;
  }
}

/** The user the login guard verified. */
export const VerifiedUser = createParamDecorator((_data: unknown, host: ExecutionContext): UserEntity => {
  const user: unknown = host.switchToHttp().getRequest<Request>().user;
  if (!(user instanceof UserEntity)) throw unauthorized();
  return user;
});
