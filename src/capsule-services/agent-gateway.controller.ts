import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgentEntity } from '../agents/agent.entity';
import { AuthenticatedAgent } from '../agents/authenticated-agent';
import { AgentAuth, Public } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { AgentGatewayService, type HeartbeatResponse, type RegisterResponse } from './agent-gateway.service';
import type { CapsuleServiceResponse } from './capsule-service.mapper';
import { HeartbeatDto, RegisterAgentDto, ServiceReportDto } from './dto/reported-service.dto';

/** Agent API (bearer token; wire-compatible with the reference SDK 0.4). */
@ApiTags('agent-api')
@Controller('api/agents')
export class AgentGatewayController {
  constructor(private readonly gateway: AgentGatewayService) {}

  @Post('register')
  @HttpCode(200)
  @Public()
  register(@Ctx() ctx: RequestContext, @Body() dto: RegisterAgentDto): Promise<RegisterResponse> {
    return this.gateway.register(ctx, dto);
  }

  @Post(':agentId/heartbeat')
  @HttpCode(200)
  @AgentAuth()
  heartbeat(@Ctx() ctx: RequestContext, @AuthenticatedAgent() agent: AgentEntity, @Body() dto: HeartbeatDto): Promise<HeartbeatResponse> {
    return this.gateway.heartbeat(ctx, agent, dto);
  }

  @Post(':agentId/services/report')
  @HttpCode(200)
  @AgentAuth()
  report(@Ctx() ctx: RequestContext, @AuthenticatedAgent() agent: AgentEntity, @Body() dto: ServiceReportDto): Promise<{ services: CapsuleServiceResponse[] }> {
    return this.gateway.report(ctx, agent, dto);
  }
}
