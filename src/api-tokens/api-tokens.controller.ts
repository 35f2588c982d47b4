import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, SessionOnly } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenDto, ListApiTokensQueryDto } from './dto/api-token.dto';
import type { ApiTokenResponse, CreatedApiTokenResponse } from '../contracts';

/** Owners manage API tokens from a console session only: a token can never mint or revoke tokens. */
@ApiTags('api-tokens')
@Controller('api/admin/api-tokens')
@Roles('owner')
@SessionOnly()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @HttpCode(200)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateApiTokenDto): Promise<CreatedApiTokenResponse> {
    return this.tokens.create(ctx, dto);
  }

  @Get()
  list(@Ctx() ctx: RequestContext, @Query() query: ListApiTokensQueryDto): Promise<Page<ApiTokenResponse>> {
    return this.tokens.list(ctx, query);
  }

  @Post(':tokenId/revoke')
  @HttpCode(200)
  revoke(@Ctx() ctx: RequestContext, @Param('tokenId') tokenId: string): Promise<ApiTokenResponse> {
    return this.tokens.revoke(ctx, tokenId);
  }
}
