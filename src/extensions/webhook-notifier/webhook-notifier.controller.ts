import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, Page, RequestContext, Roles } from '../index';
import { ListDeliveriesQueryDto } from './dto/list-deliveries-query.dto';
import type { WebhookDeliveryResponse } from './webhook-delivery.mapper';
import { WebhookNotifierService, type WebhookStatusResponse } from './webhook-notifier.service';

/** Served under /api/ext/webhook-notifier (the registry mounts the module there). */
@ApiTags('ext: webhook-notifier')
@Controller()
export class WebhookNotifierController {
  constructor(private readonly notifier: WebhookNotifierService) {}

  @Get('deliveries')
  @Roles('operator')
  list(@Ctx() ctx: RequestContext, @Query() query: ListDeliveriesQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    return this.notifier.list(ctx, query);
  }

  @Get('status')
  @Roles('operator')
  status(@Ctx() ctx: RequestContext): WebhookStatusResponse {
    return this.notifier.status(ctx);
  }

  @Post('test')
  @HttpCode(200)
  @Roles('operator')
  test(@Ctx() ctx: RequestContext): Promise<{ deliveryId: string; status: 'PENDING' }> {
    return this.notifier.sendTest(ctx);
  }
}
