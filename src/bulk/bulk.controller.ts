import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, SessionOnly } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { forbidden } from '../common/errors/domain-error';
import { BulkAgentsDto, BulkCancelDto, BulkExecuteDto } from './bulk.dto';
import { BulkService } from './bulk.service';
import type { BulkResult } from '../contracts';

/** Operations on many agents, commands or services at once; every item stays its own audited operation. A console
 * feature: the CLI runs one action at a time, so bulk stays session-only. */
@ApiTags('bulk')
@SessionOnly()
@Controller('api/admin/bulk')
export class BulkController {
  constructor(private readonly bulk: BulkService) {}

  @Post('agents')
  @HttpCode(200)
  @Roles('operator')
  agents(@Ctx() ctx: RequestContext, @Body() dto: BulkAgentsDto): Promise<BulkResult> {
    return this.bulk.agentsOperation(ctx, dto.operation, dto.agentIds, dto.confirmCount);
  }

  @Post('commands/cancel')
  @HttpCode(200)
  @Roles('operator')
  cancel(@Ctx() ctx: RequestContext, @Body() dto: BulkCancelDto): Promise<BulkResult> {
    return this.bulk.cancelCommands(ctx, dto.commandIds, dto.confirmCount);
  }

  @Post('actions')
  @HttpCode(200)
  @Roles('operator')
  actions(@Ctx() ctx: RequestContext, @Body() dto: BulkExecuteDto): Promise<BulkResult> {
    if (ctx.principal.kind !== 'user') throw forbidden();
    return this.bulk.executeAction(
      ctx,
      dto.actionName,
      dto.serviceIds,
      dto.confirmCount,
      ctx.principal.id,
      dto.payload,
      dto.confirmation,
    );
  }
}
