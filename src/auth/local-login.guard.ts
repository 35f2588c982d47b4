import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { unauthorized } from '../common/errors/domain-error';
import { UserEntity } from '../users/user.entity';
import { parseBody } from '../users/dto/parse-body';
import { LoginDto } from './dto/login.dto';

/**
 * Runs the passport-local strategy on the login route. Guards run before pipes, so the body is
 * validated here first: a malformed body is 422 with paths, never passport's bare 401.
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    parseBody(LoginDto, req.body);
    return (await super.canActivate(context)) as boolean;
  }
}

/** The user the login guard verified. */
export const VerifiedUser = createParamDecorator((_data: unknown, host: ExecutionContext): UserEntity => {
  const user: unknown = host.switchToHttp().getRequest<Request>().user;
  if (!(user instanceof UserEntity)) throw unauthorized();
  return user;
});
