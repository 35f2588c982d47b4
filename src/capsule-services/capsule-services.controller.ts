import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, TokenScope } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import { CapsuleServicesService } from './capsule-services.service';
import { ListServicesQueryDto, ReassignServiceDto } from './dto/list-services-query.dto';
import type {
  ActionDefinitionResponse,
  AgentResponse,
  CapsuleServiceDetailResponse,
  CapsuleServiceResponse,
  ConfigItemResponse,
  HealthReportResponse,
} from '../contracts';

/** Admin view of Capsule Services (docs/agents.md, "Admin: Capsule Services"; docs/design/decisions.md, "Endpoints the
 * reference only documented"). */
@ApiTags('capsule-services')
@Controller('api/admin/capsule-services')
export class CapsuleServicesController {
  constructor(private readonly services: CapsuleServicesService) {}

  @Get()
  @Roles('viewer')
  @TokenScope('filtered')
  list(@Ctx() ctx: RequestContext, @Query() query: ListServicesQueryDto): Promise<Page<CapsuleServiceResponse>> {
    return this.services.list(ctx, query);
  }

  @Get(':serviceId')
  @Roles('viewer')
  @TokenScope('service')
  detail(@Ctx() ctx: RequestContext, @Param('serviceId') serviceId: string): Promise<CapsuleServiceDetailResponse> {
    return this.services.detail(ctx, serviceId);
  }

  @Get(':serviceId/manifest')
  @Roles('viewer')
  @TokenScope('service')
  manifest(@Ctx() ctx: RequestContext, @Param('serviceId') serviceId: string): Promise<Record<string, unknown>> {
    return this.services.manifest(ctx, serviceId);
  }

  /** The latest health report, or `null` (the history is `…/health/history`). */
  @Get(':serviceId/health')
  @Roles('viewer')
  @TokenScope('service')
  health(@Ctx() ctx: RequestContext, @Param('serviceId') serviceId: string): Promise<HealthReportResponse | null> {
    return this.services.health(ctx, serviceId);
  }

  @Get(':serviceId/health/history')
  @Roles('viewer')
  @TokenScope('service')
  healthHistory(
    @Ctx() ctx: RequestContext,
    @Param('serviceId') serviceId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<HealthReportResponse>> {
    return this.services.healthHistory(ctx, serviceId, query);
  }

  @Get(':serviceId/configs')
  @Roles('viewer')
  @TokenScope('service')
  configs(@Ctx() ctx: RequestContext, @Param('serviceId') serviceId: string): Promise<ConfigItemResponse[]> {
    return this.services.configs(ctx, serviceId);
  }

  @Get(':serviceId/actions')
  @Roles('viewer')
  @TokenScope('service')
  actions(@Ctx() ctx: RequestContext, @Param('serviceId') serviceId: string): Promise<ActionDefinitionResponse[]> {
    return this.services.actions(ctx, serviceId);
  }

  @Post(':serviceId/reassign')
  @HttpCode(200)
  @Roles('owner')
  reassign(
    @Ctx() ctx: RequestContext,
    @Param('serviceId') serviceId: string,
    @Body() dto: ReassignServiceDto,
  ): Promise<CapsuleServiceResponse> {
    return this.services.reassign(ctx, serviceId, dto.agentId);
  }
}

/** `GET /api/admin/agents/:agentId` needs the agent's services, so it is served from this module. */
@ApiTags('agents')
@Controller('api/admin/agents')
export class AgentDetailController {
  constructor(private readonly services: CapsuleServicesService) {}

  @Get(':agentId')
  @Roles('viewer')
  detail(
    @Ctx() ctx: RequestContext,
    @Param('agentId') agentId: string,
  ): Promise<AgentResponse & { services: CapsuleServiceResponse[] }> {
    return this.services.agentDetail(ctx, agentId);
  }
}
