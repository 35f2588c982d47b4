import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AgentEntity } from '../agents/agent.entity';
import { AuthenticatedAgent } from '../agents/authenticated-agent';
import { AgentAuth } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { WithEnvelopeExtras } from '../common/http/envelope';
import { CommandDispatchService } from './command-dispatch.service';
import { CommandResultsService } from './command-results.service';
import { CommandResultDto } from './dto/command-result.dto';
import { MAX_POLL_LIMIT, PollCommandsQueryDto } from './dto/poll-query.dto';
import { closeSignal } from './http-helpers';

/** Agent API: poll (long-poll) and result (backend.md §4.13, decisions 16/17/27). */
@ApiTags('agent-api')
@Controller('api/agents/:agentId/commands')
export class CommandGatewayController {
  constructor(
    private readonly dispatch: CommandDispatchService,
    private readonly results: CommandResultsService,
  ) {}

  /** `data` is REF's command array; `cancelledCommandIds` sits beside it so REF agents are unaffected. */
  @Get()
  @AgentAuth()
  async poll(@Ctx() ctx: RequestContext, @AuthenticatedAgent() agent: AgentEntity, @Query() query: PollCommandsQueryDto, @Res({ passthrough: true }) res: Response) {
    const out = await this.dispatch.poll(ctx, agent, query.limit ?? MAX_POLL_LIMIT, query.waitSeconds ?? 0, closeSignal(res));
    return new WithEnvelopeExtras(out.commands, { cancelledCommandIds: out.cancelledCommandIds });
  }

  @Post(':commandId/result')
  @HttpCode(200)
  @AgentAuth()
  result(@Ctx() ctx: RequestContext, @Param('agentId') agentId: string, @Param('commandId') commandId: string, @Body() body: CommandResultDto) {
    return this.results.report(ctx, agentId, commandId, body);
  }
}
