import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, Roles, SessionOnly } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LocalLoginGuard, VerifiedUser } from './local-login.guard';
import { SessionCookie } from './session-cookie';
import type { LoginResponse, SessionView } from '../contracts';

@ApiTags('auth')
@Controller('api/admin/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  /** No session and no CSRF; throttled (429) and checked by passport-local (401). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  @ApiBody({ type: LoginDto })
  async login(
    @Ctx() ctx: RequestContext,
    @VerifiedUser() user: UserEntity,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const { rawSessionId, ...view } = await this.auth.login(ctx, user, this.cookie.read(req));
    return { ...view, cookieSecureOverHttp: this.cookie.set(req, res, rawSessionId) };
  }

  @Roles('viewer')
  @SessionOnly()
  @Post('logout')
  @HttpCode(200)
  async logout(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(ctx);
    this.cookie.clear(res);
  }

  @Roles('viewer')
  @SessionOnly()
  @Get('me')
  me(@Ctx() ctx: RequestContext, @Req() req: Request): Promise<SessionView> {
    return this.auth.me(ctx, this.cookie.read(req));
  }

  /** The current CSRF token: a read that changes nothing (no state change on GET, docs/security.md). */
  @Roles('viewer')
  @SessionOnly()
  @Get('csrf')
  csrf(@Ctx() ctx: RequestContext, @Req() req: Request): Promise<{ csrfToken: string; expiresAt: string }> {
    return this.auth.csrf(ctx, this.cookie.read(req));
  }
}
