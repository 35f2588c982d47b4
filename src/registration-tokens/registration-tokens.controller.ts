import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { CreateRegistrationTokenDto, ListRegistrationTokensQueryDto } from './dto/registration-token.dto';
import { RegistrationTokensService } from './registration-tokens.service';
import type { CreatedRegistrationTokenResponse, RegistrationTokenResponse } from '../contracts';

@ApiTags('registration-tokens')
@Controller('api/admin/registration-tokens')
export class RegistrationTokensController {
  constructor(private readonly tokens: RegistrationTokensService) {}

  @Post()
  @HttpCode(200)
  @Roles('operator')
  create(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateRegistrationTokenDto,
  ): Promise<CreatedRegistrationTokenResponse> {
    return this.tokens.create(ctx, dto);
  }

  @Get()
  @Roles('viewer')
  list(
    @Ctx() ctx: RequestContext,
    @Query() query: ListRegistrationTokensQueryDto,
  ): Promise<Page<RegistrationTokenResponse>> {
    return this.tokens.list(ctx, query);
  }

  @Post(':tokenId/revoke')
  @HttpCode(200)
  @Roles('operator')
  revoke(@Ctx() ctx: RequestContext, @Param('tokenId') tokenId: string): Promise<RegistrationTokenResponse> {
    return this.tokens.revoke(ctx, tokenId);
  }

  @Delete(':tokenId')
  @Roles('operator')
  remove(@Ctx() ctx: RequestContext, @Param('tokenId') tokenId: string): Promise<RegistrationTokenResponse> {
    return this.tokens.delete(ctx, tokenId);
  }
}
