import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, TokenScope } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { ActionExecutionService } from './action-execution.service';
import { ExecuteActionDto } from './dto/execute-action.dto';
import { closeSignal, creatorOf } from './http-helpers';

@ApiTags('actions')
@TokenScope('service')
@Controller('api/admin/capsule-services/:serviceId/actions')
export class ActionsController {
  constructor(private readonly actions: ActionExecutionService) {}

  /** The catalog entry only; no command, no side effects. */
  @Get(':actionName')
  @Roles('viewer')
  definition(
    @Ctx() ctx: RequestContext,
    @Param('serviceId') serviceId: string,
    @Param('actionName') actionName: string,
  ) {
    return this.actions.definition(ctx, serviceId, actionName);
  }

  @Post(':actionName/prepare')
  @HttpCode(200)
  @Roles('operator')
  prepare(
    @Ctx() ctx: RequestContext,
    @Param('serviceId') serviceId: string,
    @Param('actionName') actionName: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.actions.prepare(ctx, serviceId, actionName, creatorOf(ctx), closeSignal(res));
  }

  @Post(':actionName')
  @HttpCode(200)
  @Roles('operator')
  execute(
    @Ctx() ctx: RequestContext,
    @Param('serviceId') serviceId: string,
    @Param('actionName') actionName: string,
    @Body() body: ExecuteActionDto,
  ) {
    return this.actions.execute(ctx, serviceId, actionName, creatorOf(ctx), body.payload, body.confirmation);
  }
}
