import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import type { Page } from '../common/http/envelope';
import { PaginationQueryDto } from '../common/http/pagination.dto';
import {
  CreateNotificationChannelDto,
  CreateNotificationRuleDto,
  ListAlertsQueryDto,
  ListDeliveriesQueryDto,
  UpdateNotificationChannelDto,
  UpdateNotificationRuleDto,
} from './dto/notification.dto';
import { NotificationActivityService } from './notification-activity.service';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationRulesService } from './notification-rules.service';
import type {
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationRuleResponse,
  NotificationTestResponse,
} from '../contracts';

/** Notification channels, rules, alerts and deliveries (docs/notifications.md); owners change, viewers read. */
@ApiTags('notifications')
@Controller('api/admin/notifications')
export class NotificationsController {
  constructor(
    private readonly channels: NotificationChannelsService,
    private readonly rules: NotificationRulesService,
    private readonly activity: NotificationActivityService,
  ) {}

  @Get('channels')
  @Roles('viewer')
  listChannels(
    @Ctx() ctx: RequestContext,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<NotificationChannelResponse>> {
    return this.channels.list(ctx, query);
  }

  @Post('channels')
  @Roles('owner')
  @HttpCode(200)
  createChannel(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateNotificationChannelDto,
  ): Promise<NotificationChannelResponse> {
    return this.channels.create(ctx, dto);
  }

  @Patch('channels/:channelId')
  @Roles('owner')
  updateChannel(
    @Ctx() ctx: RequestContext,
    @Param('channelId') channelId: string,
    @Body() dto: UpdateNotificationChannelDto,
  ): Promise<NotificationChannelResponse> {
    return this.channels.update(ctx, channelId, dto);
  }

  @Delete('channels/:channelId')
  @Roles('owner')
  deleteChannel(@Ctx() ctx: RequestContext, @Param('channelId') channelId: string): Promise<{ deleted: true }> {
    return this.channels.delete(ctx, channelId);
  }

  @Post('channels/:channelId/test')
  @Roles('owner')
  @HttpCode(200)
  testChannel(@Ctx() ctx: RequestContext, @Param('channelId') channelId: string): Promise<NotificationTestResponse> {
    return this.channels.test(ctx, channelId);
  }

  @Get('rules')
  @Roles('viewer')
  listRules(@Ctx() ctx: RequestContext, @Query() query: PaginationQueryDto): Promise<Page<NotificationRuleResponse>> {
    return this.rules.list(ctx, query);
  }

  @Post('rules')
  @Roles('owner')
  @HttpCode(200)
  createRule(@Ctx() ctx: RequestContext, @Body() dto: CreateNotificationRuleDto): Promise<NotificationRuleResponse> {
    return this.rules.create(ctx, dto);
  }

  @Patch('rules/:ruleId')
  @Roles('owner')
  updateRule(
    @Ctx() ctx: RequestContext,
    @Param('ruleId') ruleId: string,
    @Body() dto: UpdateNotificationRuleDto,
  ): Promise<NotificationRuleResponse> {
    return this.rules.update(ctx, ruleId, dto);
  }

  @Delete('rules/:ruleId')
  @Roles('owner')
  deleteRule(@Ctx() ctx: RequestContext, @Param('ruleId') ruleId: string): Promise<{ deleted: true }> {
    return this.rules.delete(ctx, ruleId);
  }

  @Get('alerts')
  @Roles('viewer')
  listAlerts(@Ctx() ctx: RequestContext, @Query() query: ListAlertsQueryDto): Promise<Page<NotificationAlertResponse>> {
    return this.activity.listAlerts(ctx, query);
  }

  @Get('deliveries')
  @Roles('viewer')
  listDeliveries(
    @Ctx() ctx: RequestContext,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<Page<NotificationDeliveryResponse>> {
    return this.activity.listDeliveries(ctx, query);
  }
}
