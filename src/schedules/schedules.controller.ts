import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, TokenScope } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import { CreateScheduleDto, ListSchedulesQueryDto, UpdateScheduleDto } from './dto/schedule.dto';
import { SchedulesService } from './schedules.service';
import type { ScheduleResponse, ScheduleRunResponse } from '../contracts';

/**
 * Scheduled actions (docs/schedules.md). A token limited to labelled services is narrowed by the service itself
 * (`filtered`): lists show only its services' schedules, and any other schedule or service is 403.
 */
@ApiTags('schedules')
@TokenScope('filtered')
@Controller('api/admin/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @Roles('viewer')
  list(@Ctx() ctx: RequestContext, @Query() query: ListSchedulesQueryDto): Promise<Page<ScheduleResponse>> {
    return this.schedules.list(ctx, query);
  }

  @Post()
  @HttpCode(200)
  @Roles('operator')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateScheduleDto): Promise<ScheduleResponse> {
    return this.schedules.create(ctx, dto);
  }

  @Get(':scheduleId')
  @Roles('viewer')
  get(@Ctx() ctx: RequestContext, @Param('scheduleId') scheduleId: string): Promise<ScheduleResponse> {
    return this.schedules.get(ctx, scheduleId);
  }

  @Patch(':scheduleId')
  @Roles('operator')
  update(
    @Ctx() ctx: RequestContext,
    @Param('scheduleId') scheduleId: string,
    @Body() dto: UpdateScheduleDto,
  ): Promise<ScheduleResponse> {
    return this.schedules.update(ctx, scheduleId, dto);
  }

  @Delete(':scheduleId')
  @HttpCode(200)
  @Roles('operator')
  remove(@Ctx() ctx: RequestContext, @Param('scheduleId') scheduleId: string): Promise<{ deleted: true }> {
    return this.schedules.remove(ctx, scheduleId);
  }

  @Get(':scheduleId/runs')
  @Roles('viewer')
  runs(
    @Ctx() ctx: RequestContext,
    @Param('scheduleId') scheduleId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<ScheduleRunResponse>> {
    return this.schedules.runs(ctx, scheduleId, query);
  }
}
