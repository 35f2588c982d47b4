import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HeartbeatResponse, RegisterAgentResponse } from '@opstage/agent-node/protocol';
import type { AgentEntity } from '../agents/agent.entity';
import { ServiceReportService } from '../capsule-services/service-report.service';
import { AgentAuth, Public } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { AgentGatewayService } from './agent-gateway.service';
import { AuthenticatedAgent } from './authenticated-agent';
import { HeartbeatDto, RegisterAgentDto, ServiceReportDto } from './dto/agent-requests.dto';
import type { CapsuleServiceResponse } from '../contracts';

/** Agent API: register, heartbeat, services report (bearer token; wire-compatible with the reference SDK 0.4). */
@ApiTags('agent-api')
@Controller('api/agents')
export class AgentGatewayController {
  constructor(
    private readonly gateway: AgentGatewayService,
    private readonly reports: ServiceReportService,
  ) {}

  @Post('register')
  @HttpCode(200)
  @Public()
  register(@Ctx() ctx: RequestContext, @Body() dto: RegisterAgentDto): Promise<RegisterAgentResponse> {
    return this.gateway.register(ctx, dto);
  }

  @Post(':agentId/heartbeat')
  @HttpCode(200)
  @AgentAuth()
  heartbeat(
    @Ctx() ctx: RequestContext,
    @AuthenticatedAgent() agent: AgentEntity,
    @Body() dto: HeartbeatDto,
  ): Promise<HeartbeatResponse> {
    return this.gateway.heartbeat(ctx, agent, dto);
  }

  @Post(':agentId/services/report')
  @HttpCode(200)
  @AgentAuth()
  report(
    @Ctx() ctx: RequestContext,
    @AuthenticatedAgent() agent: AgentEntity,
    @Body() dto: ServiceReportDto,
  ): Promise<{ services: CapsuleServiceResponse[] }> {
    return this.reports.report(ctx, agent, dto.services);
  }
}
