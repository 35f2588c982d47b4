import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusExperimentalInterceptor } from './bus-experimental.interceptor';
import { BusQueriesService } from './bus-queries.service';
import { BusRoutesService } from './bus-routes.service';
import { BusRouteDto } from './dto/bus-route.dto';
import { ListBusEventsQueryDto } from './dto/list-bus-events-query.dto';

/** Capsule Bus admin API (experimental; 404 CAPSULE_BUS_DISABLED after auth and role when the flag is off). */
@ApiTags('bus')
@Controller('api/admin/bus')
@UseGuards(BusEnabledGuard)
@UseInterceptors(BusExperimentalInterceptor)
export class BusAdminController {
  constructor(
    private readonly routes: BusRoutesService,
    private readonly queries: BusQueriesService,
  ) {}

  @Get('routes')
  @Roles('viewer')
  listRoutes(@Ctx() ctx: RequestContext, @Query() query: PaginationQueryDto) {
    return this.routes.list(ctx, query);
  }

  @Get('routes/:routeId')
  @Roles('viewer')
  getRoute(@Ctx() ctx: RequestContext, @Param('routeId') routeId: string) {
    return this.routes.get(ctx, routeId);
  }

  @Post('routes')
  @HttpCode(200)
  @Roles('operator')
  createRoute(@Ctx() ctx: RequestContext, @Body() dto: BusRouteDto) {
    return this.routes.create(ctx, dto);
  }

  @Put('routes/:routeId')
  @Roles('operator')
  updateRoute(@Ctx() ctx: RequestContext, @Param('routeId') routeId: string, @Body() dto: BusRouteDto) {
    return this.routes.update(ctx, routeId, dto);
  }

  @Delete('routes/:routeId')
  @Roles('operator')
  deleteRoute(@Ctx() ctx: RequestContext, @Param('routeId') routeId: string) {
    return this.routes.remove(ctx, routeId);
  }

  @Get('events')
  @Roles('viewer')
  listEvents(@Ctx() ctx: RequestContext, @Query() query: ListBusEventsQueryDto) {
    return this.queries.listEvents(ctx, query);
  }

  @Get('audit')
  @Roles('viewer')
  listAudit(@Ctx() ctx: RequestContext, @Query() query: PaginationQueryDto) {
    return this.queries.auditEvents(ctx, query);
  }
}
