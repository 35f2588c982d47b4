import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgentEntity } from '../agents/agent.entity';
import { AuthenticatedAgent } from '../agents/authenticated-agent';
import { AgentAuth } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusIngestService, type PublishResult } from './bus-ingest.service';
import { PublishEventDto } from './dto/publish-event.dto';

/** Agent API: publish a Capsule Bus event (bearer auth first, then the feature flag). */
@ApiTags('agent-api')
@Controller('api/agents/:agentId/bus')
@UseGuards(BusEnabledGuard)
export class BusAgentController {
  constructor(private readonly ingest: BusIngestService) {}

  @Post('events')
  @HttpCode(200)
  @AgentAuth()
  publish(@Ctx() ctx: RequestContext, @AuthenticatedAgent() agent: AgentEntity, @Body() dto: PublishEventDto): Promise<PublishResult> {
    return this.ingest.publish(ctx, agent, dto);
  }
}
