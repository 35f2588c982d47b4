import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { HealthTimelinesQueryDto } from './dto/health-queries.dto';
import { ServiceHealthQueries } from './service-health.queries';
import type { HealthTimelines, ServiceLabel } from '../contracts';

/**
 * Fleet views of Capsule Services: health timelines and labels (docs/api.md; the per-service
 * history is `…/:serviceId/health/history` on CapsuleServicesController). Registered before
 * `CapsuleServicesController` so `labels` and `health-timelines` are not taken for a `:serviceId`.
 */
@ApiTags('capsule-services')
@Controller('api/admin/capsule-services')
export class ServiceHealthController {
  constructor(private readonly queries: ServiceHealthQueries) {}

  /** Status points of many services at once (the services list's timelines), oldest first. */
  @Get('health-timelines')
  @Roles('viewer')
  timelines(@Ctx() ctx: RequestContext, @Query() query: HealthTimelinesQueryDto): Promise<HealthTimelines> {
    return this.queries.timelines(ctx, query.serviceIds, query.hours ?? 24);
  }

  /** Every manifest label in use with its number of services (the label filter's choices). */
  @Get('labels')
  @Roles('viewer')
  labels(): Promise<ServiceLabel[]> {
    return this.queries.labels();
  }
}
