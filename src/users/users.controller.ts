import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto } from './dto/users.dto';
import { UsersService } from './users.service';
import type { PublicUser } from '../contracts';

@ApiTags('users')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('owner')
  @Get()
  list(@Ctx() ctx: RequestContext, @Query() query: ListUsersQueryDto): Promise<Page<PublicUser>> {
    return this.users.list(ctx, query);
  }

  @Roles('owner')
  @Post()
  @HttpCode(200)
  create(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto): Promise<PublicUser> {
    return this.users.create(ctx, body);
  }

  /** The body is validated by the service after the lookup, so an unknown id is 404 before any 422. */
  @Roles('owner')
  @Patch(':userId')
  @ApiBody({ type: UpdateUserDto })
  update(
    @Ctx() ctx: RequestContext,
    @Param('userId') userId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<PublicUser> {
    return this.users.update(ctx, userId, body);
  }

  @Roles('owner')
  @Post(':userId/reset-password')
  @HttpCode(200)
  @ApiBody({ type: ResetPasswordDto })
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Param('userId') userId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<PublicUser> {
    return this.users.resetPassword(ctx, userId, body);
  }
}
