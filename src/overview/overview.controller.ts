import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { SearchQueryDto } from './overview.dto';
import { OverviewService } from './overview.service';
import type { DashboardOverview, SearchResults } from '../contracts';

/** Cross-domain read models of the console: the "what is wrong now" dashboard and the global search. */
@ApiTags('operations')
@Controller('api/admin')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('dashboard/overview')
  @Roles('viewer')
  dashboard(@Ctx() ctx: RequestContext): Promise<DashboardOverview> {
    return this.overview.dashboard(ctx);
  }

  @Get('search')
  @Roles('viewer')
  search(@Ctx() ctx: RequestContext, @Query() query: SearchQueryDto): Promise<SearchResults> {
    return this.overview.search(ctx, query.q);
  }
}
