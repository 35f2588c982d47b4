"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var WebhookNotifierExtension_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookNotifierExtension = void 0;
const common_1 = require("@nestjs/common");
const index_1 = require("../index");
const _1764400000000_CreateWebhookDeliveries_1 = require("./migrations/1764400000000-CreateWebhookDeliveries");
const webhook_deliveries_repository_1 = require("./webhook-deliveries.repository");
const webhook_delivery_entity_1 = require("./webhook-delivery.entity");
const webhook_dispatcher_1 = require("./webhook-dispatcher");
const webhook_notifier_controller_1 = require("./webhook-notifier.controller");
const webhook_notifier_options_1 = require("./webhook-notifier.options");
const webhook_notifier_service_1 = require("./webhook-notifier.service");
const webhook_sender_1 = require("./webhook-sender");
/**
 * First-party extension built only on `src/extensions/index.ts`: POSTs a Slack-compatible JSON
 * notification when agents go offline/online, service health changes or commands fail.
 * Register with `WebhookNotifierExtension.forRoot({ url, secret, events })`.
 */
let WebhookNotifierExtension = WebhookNotifierExtension_1 = class WebhookNotifierExtension {
    static forRoot(options) {
        return { module: WebhookNotifierExtension_1, providers: [{ provide: webhook_notifier_options_1.WEBHOOK_OPTIONS, useValue: (0, webhook_notifier_options_1.resolveWebhookOptions)(options) }] };
    }
};
exports.WebhookNotifierExtension = WebhookNotifierExtension;
exports.WebhookNotifierExtension = WebhookNotifierExtension = WebhookNotifierExtension_1 = __decorate([
    (0, index_1.OpstageExtension)({
        name: webhook_notifier_options_1.WEBHOOK_NOTIFIER_NAME,
        version: '1.0.0',
        compatibility: '>=0.5.0 <1.0.0',
        entities: [webhook_delivery_entity_1.WebhookDeliveryEntity],
        migrations: [_1764400000000_CreateWebhookDeliveries_1.CreateWebhookDeliveries1764400000000],
    }),
    (0, common_1.Module)({
        imports: [index_1.ExtensionApiModule],
        controllers: [webhook_notifier_controller_1.WebhookNotifierController],
        providers: [webhook_deliveries_repository_1.WebhookDeliveriesRepository, webhook_sender_1.WebhookSender, webhook_dispatcher_1.WebhookDispatcher, webhook_notifier_service_1.WebhookNotifierService],
    })
], WebhookNotifierExtension);
//# sourceMappingURL=webhook-notifier.extension.js.map