import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BusEventResponse } from '@opstage/agent-node/protocol';
import type { AgentEntity } from '../agents/agent.entity';
import { BusEnabledGuard } from '../bus/bus-enabled.guard';
import { BusIngestService } from '../bus/bus-ingest.service';
import { AgentAuth } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { AuthenticatedAgent } from './authenticated-agent';
import { PublishEventDto } from './dto/publish-event.dto';

/** Agent API: publish a Capsule Bus event (bearer auth first, then the feature flag). */
@ApiTags('agent-api')
@Controller('api/agents/:agentId/bus')
@UseGuards(BusEnabledGuard)
export class AgentBusController {
  constructor(private readonly ingest: BusIngestService) {}

  @Post('events')
  @HttpCode(200)
  @AgentAuth()
  publish(
    @Ctx() ctx: RequestContext,
    @AuthenticatedAgent() agent: AgentEntity,
    @Body() dto: PublishEventDto,
  ): Promise<BusEventResponse> {
    return this.ingest.publish(ctx, agent, dto);
  }
}
