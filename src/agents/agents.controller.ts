import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { AgentsService } from './agents.service';
import { ListAgentsQueryDto } from './dto/list-agents-query.dto';
import type { AgentResponse } from '../contracts';

/** Admin view of agents (docs/agents.md, "Admin: agents"). The detail with services lives in capsule-services. */
@ApiTags('agents')
@Controller('api/admin/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @Roles('viewer')
  list(@Ctx() ctx: RequestContext, @Query() query: ListAgentsQueryDto): Promise<Page<AgentResponse>> {
    return this.agents.list(ctx, query);
  }

  @Post(':agentId/disable')
  @HttpCode(200)
  @Roles('operator')
  disable(@Ctx() ctx: RequestContext, @Param('agentId') agentId: string): Promise<AgentResponse> {
    return this.agents.disable(ctx, agentId);
  }

  @Post(':agentId/enable')
  @HttpCode(200)
  @Roles('operator')
  enable(@Ctx() ctx: RequestContext, @Param('agentId') agentId: string): Promise<AgentResponse> {
    return this.agents.enable(ctx, agentId);
  }

  @Post(':agentId/revoke')
  @HttpCode(200)
  @Roles('operator')
  revoke(@Ctx() ctx: RequestContext, @Param('agentId') agentId: string): Promise<AgentResponse> {
    return this.agents.revoke(ctx, agentId);
  }

  @Delete(':agentId')
  @Roles('operator')
  remove(@Ctx() ctx: RequestContext, @Param('agentId') agentId: string): Promise<AgentResponse> {
    return this.agents.delete(ctx, agentId);
  }
}
