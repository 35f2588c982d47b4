import { type DynamicModule, Module } from '@nestjs/common';
import { ExtensionApiModule, OpstageExtension } from '../index';
import { CreateWebhookDeliveries1764400000000 } from './migrations/1764400000000-CreateWebhookDeliveries';
import { WebhookDeliveryLeases1764410000001 } from './migrations/1764410000001-WebhookDeliveryLeases';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookNotifierController } from './webhook-notifier.controller';
import {
  resolveWebhookOptions,
  WEBHOOK_NOTIFIER_NAME,
  WEBHOOK_OPTIONS,
  type WebhookNotifierOptions,
} from './webhook-notifier.options';
import { WebhookNotifierService } from './webhook-notifier.service';
import { WebhookSender } from './webhook-sender';

/**
 * First-party extension built only on `src/extensions/index.ts`: POSTs a Slack-compatible JSON
 * notification when agents go offline/online, service health changes or commands fail.
 * Register with `WebhookNotifierExtension.forRoot({ url, secret, events })`.
 */
@OpstageExtension({
  name: WEBHOOK_NOTIFIER_NAME,
  version: '1.0.0',
  compatibility: '>=0.5.0 <1.0.0',
  entities: [WebhookDeliveryEntity],
  migrations: [CreateWebhookDeliveries1764400000000, WebhookDeliveryLeases1764410000001],
})
@Module({
  imports: [ExtensionApiModule],
  controllers: [WebhookNotifierController],
  providers: [WebhookDeliveriesRepository, WebhookSender, WebhookDispatcher, WebhookNotifierService],
})
export class WebhookNotifierExtension {
  static forRoot(options: WebhookNotifierOptions): DynamicModule {
    return {
      module: WebhookNotifierExtension,
      providers: [{ provide: WEBHOOK_OPTIONS, useValue: resolveWebhookOptions(options) }],
    };
  }
}
