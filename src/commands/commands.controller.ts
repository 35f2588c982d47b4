import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, SessionOnly, TokenScope } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { CommandCreationService } from './command-creation.service';
import { CommandQueriesService } from './command-queries.service';
import { CommandsService } from './commands.service';
import { RetryCommandDto } from './dto/execute-action.dto';
import { ListCommandsQueryDto } from './dto/list-commands-query.dto';
import { creatorOf } from './http-helpers';

@ApiTags('commands')
@Controller('api/admin/commands')
export class CommandsController {
  constructor(
    private readonly queries: CommandQueriesService,
    private readonly commands: CommandsService,
    private readonly creation: CommandCreationService,
  ) {}

  @Get()
  @Roles('viewer')
  @TokenScope('filtered')
  list(@Ctx() ctx: RequestContext, @Query() query: ListCommandsQueryDto) {
    return this.queries.list(ctx, query);
  }

  /** A plain read: one-time result fields stay `[REDACTED]` (no state change on GET). */
  @Get(':commandId')
  @Roles('viewer')
  @TokenScope('command')
  detail(@Ctx() ctx: RequestContext, @Param('commandId') commandId: string) {
    return this.queries.detail(ctx, commandId);
  }

  /** Hands the one-time result fields to the first operator/owner who asks, once; audited. */
  @Post(':commandId/reveal')
  @HttpCode(200)
  @Roles('operator')
  @SessionOnly()
  reveal(@Ctx() ctx: RequestContext, @Param('commandId') commandId: string) {
    return this.queries.reveal(ctx, commandId);
  }

  @Post(':commandId/cancel')
  @HttpCode(200)
  @Roles('operator')
  @TokenScope('command')
  cancel(@Ctx() ctx: RequestContext, @Param('commandId') commandId: string) {
    return this.commands.cancel(ctx, commandId);
  }

  @Post(':commandId/retry')
  @HttpCode(200)
  @Roles('operator')
  @TokenScope('command')
  retry(@Ctx() ctx: RequestContext, @Param('commandId') commandId: string, @Body() body: RetryCommandDto) {
    return this.creation.retry(ctx, commandId, body.confirmation, creatorOf(ctx));
  }
}
