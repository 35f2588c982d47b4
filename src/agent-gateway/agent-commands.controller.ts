import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgentCommand, CommandResultResponse } from '@opstage/agent-node/protocol';
import type { Response } from 'express';
import type { AgentEntity } from '../agents/agent.entity';
import { CommandResultsService } from '../commands/command-results.service';
import { ResponsePollClient } from '../commands/http-helpers';
import { AgentAuth } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { WithEnvelopeExtras } from '../common/http/envelope';
import { AgentGatewayService } from './agent-gateway.service';
import { AuthenticatedAgent } from './authenticated-agent';
import { CommandResultDto } from './dto/command-result.dto';
import { MAX_POLL_LIMIT, PollCommandsQueryDto } from './dto/poll-query.dto';

/** Agent API: poll (long-poll) and result (docs/actions-and-commands.md, "Agent poll and long-poll"). */
@ApiTags('agent-api')
@Controller('api/agents/:agentId/commands')
export class AgentCommandsController {
  constructor(
    private readonly gateway: AgentGatewayService,
    private readonly results: CommandResultsService,
  ) {}

  /** `data` is the reference protocol's command array; `cancelledCommandIds` sits beside it, so reference agents are unaffected. */
  @Get()
  @AgentAuth()
  poll(
    @Ctx() ctx: RequestContext,
    @AuthenticatedAgent() agent: AgentEntity,
    @Query() query: PollCommandsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WithEnvelopeExtras<AgentCommand[]>> {
    const waitSeconds = query.waitSeconds ?? 0;
    return new Promise((resolve, reject) =>
      this.gateway.poll(ctx, agent, query.limit ?? MAX_POLL_LIMIT, waitSeconds, new ResponsePollClient(res), {
        polled: (out) =>
          resolve(new WithEnvelopeExtras(out.commands, { cancelledCommandIds: out.cancelledCommandIds })),
        failed: reject,
      }),
    );
  }

  @Post(':commandId/result')
  @HttpCode(200)
  @AgentAuth()
  result(
    @Ctx() ctx: RequestContext,
    @Param('agentId') agentId: string,
    @Param('commandId') commandId: string,
    @Body() body: CommandResultDto,
  ): Promise<CommandResultResponse> {
    return this.results.report(ctx, agentId, commandId, body);
  }
}
