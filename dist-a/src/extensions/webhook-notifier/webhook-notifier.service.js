"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookNotifierService = exports.TEST_EVENT = void 0;
const common_1 = require("@nestjs/common");
const index_1 = require("../index");
const notification_text_1 = require("./notification-text");
const webhook_deliveries_repository_1 = require("./webhook-deliveries.repository");
const webhook_delivery_mapper_1 = require("./webhook-delivery.mapper");
const webhook_dispatcher_1 = require("./webhook-dispatcher");
const webhook_notifier_options_1 = require("./webhook-notifier.options");
exports.TEST_EVENT = 'webhook.test';
/** Turns Opstage events into webhook deliveries; also the admin list, status and test send. */
let WebhookNotifierService = class WebhookNotifierService {
    options;
    dispatcher;
    deliveries;
    agents;
    audit;
    tx;
    ids;
    clock;
    logger = new common_1.Logger('webhook-notifier');
    constructor(options, dispatcher, deliveries, agents, audit, tx, ids, clock) {
        this.options = options;
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.agents = agents;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }
    /** Resumes what a previous process accepted but did not finish. */
    async onApplicationBootstrap() {
        if (!this.options.url)
            return;
        const rows = await this.deliveries.pending(this.options.queueLimit);
        for (const row of rows)
            this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: row.attempts });
        if (rows.length > 0)
            this.logger.log({ msg: 'resuming pending webhook deliveries', count: rows.length });
    }
    onAgentRegistered(payload) {
        return this.notify({ event: 'agent.registered', payload });
    }
    onAgentOnline(payload) {
        return this.notify({ event: 'agent.online', payload });
    }
    onAgentOffline(payload) {
        return this.notify({ event: 'agent.offline', payload });
    }
    onHealthChanged(payload) {
        return this.notify({ event: 'service.health.changed', payload });
    }
    onCommandCreated(payload) {
        return this.notify({ event: 'command.created', payload });
    }
    onCommandCompleted(payload) {
        return this.notify({ event: 'command.completed', payload });
    }
    onCommandFailed(payload) {
        return this.notify({ event: 'command.failed', payload });
    }
    async list(_ctx, query) {
        const req = (0, index_1.pageRequest)(query);
        const { rows, total } = await this.deliveries.list({ status: query.status, offset: req.offset, limit: req.pageSize });
        return new index_1.Page(rows.map(webhook_delivery_mapper_1.toDeliveryResponse), (0, index_1.pagination)(req, total));
    }
    status(_ctx) {
        return {
            enabled: this.options.url !== undefined,
            target: this.options.url ? new URL(this.options.url).origin : null,
            signed: Boolean(this.options.secret),
            events: [...this.options.events],
            maxAttempts: this.options.maxAttempts,
            timeoutMs: this.options.timeoutMs,
            queueDepth: this.dispatcher.depth,
        };
    }
    /** Queues a test notification (audited) and answers at once; the list shows how it went. */
    async sendTest(ctx) {
        if (!this.options.url)
            throw new index_1.DomainError('WEBHOOK_NOT_CONFIGURED', 'The webhook notifier is disabled: set OPSTAGE_WEBHOOK_URL.', undefined, 409);
        if (!this.dispatcher.hasRoom())
            throw new index_1.DomainError('WEBHOOK_QUEUE_FULL', 'Too many notifications are waiting; try again later.', undefined, 503);
        const who = ctx.principal.kind === 'user' ? ctx.principal.username : ctx.principal.kind;
        const row = this.newDelivery(exports.TEST_EVENT, `:wave: Test notification from Opstage (requested by ${who}).`, { requestedBy: who }, ctx.nowIso, ctx.requestId);
        await this.tx.run(async (em) => {
            await this.deliveries.insert(row, em);
            await this.audit.record(ctx, { action: `ext.${webhook_notifier_options_1.WEBHOOK_NOTIFIER_NAME}.test_sent`, targetType: 'WebhookDelivery', targetId: row.id }, em);
        });
        this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: 0 });
        return { deliveryId: row.id, status: 'PENDING' };
    }
    /** Runs in the event listener, i.e. after the change committed and after the request answered. */
    async notify(e) {
        if (!this.options.url || !this.options.events.has(e.event))
            return;
        if (!this.dispatcher.hasRoom()) {
            this.logger.warn({ msg: 'webhook queue full; notification dropped', event: e.event });
            return;
        }
        const ctx = index_1.RequestContext.system(this.clock);
        const text = await (0, notification_text_1.notificationText)(e, {
            agent: (id) => this.agents.getAgent(ctx, id),
            service: (id) => this.agents.getService(ctx, id),
        });
        const row = this.newDelivery(e.event, text, { ...e.payload }, e.payload.occurredAt, e.payload.requestId);
        await this.deliveries.insert(row);
        this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: 0 });
    }
    newDelivery(event, text, data, occurredAt, requestId) {
        const id = this.ids.next('whd');
        const now = this.clock.nowIso();
        // Slack-compatible (`text`), plus machine-readable fields; redacted once, then signed as sent.
        const body = JSON.stringify((0, index_1.redact)({ text, event, occurredAt, deliveryId: id, requestId, source: 'opstage', data }));
        const summary = JSON.parse(body).text.slice(0, 500);
        return { id, event, status: 'PENDING', attempts: 0, responseStatus: null, lastError: null, summary, body, createdAt: now, updatedAt: now, deliveredAt: null };
    }
};
exports.WebhookNotifierService = WebhookNotifierService;
__decorate([
    (0, index_1.OnOpstageEvent)('agent.registered'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onAgentRegistered", null);
__decorate([
    (0, index_1.OnOpstageEvent)('agent.online'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onAgentOnline", null);
__decorate([
    (0, index_1.OnOpstageEvent)('agent.offline'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onAgentOffline", null);
__decorate([
    (0, index_1.OnOpstageEvent)('service.health.changed'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onHealthChanged", null);
__decorate([
    (0, index_1.OnOpstageEvent)('command.created'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onCommandCreated", null);
__decorate([
    (0, index_1.OnOpstageEvent)('command.completed'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onCommandCompleted", null);
__decorate([
    (0, index_1.OnOpstageEvent)('command.failed'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], WebhookNotifierService.prototype, "onCommandFailed", null);
exports.WebhookNotifierService = WebhookNotifierService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(webhook_notifier_options_1.WEBHOOK_OPTIONS)),
    __metadata("design:paramtypes", [Object, webhook_dispatcher_1.WebhookDispatcher,
        webhook_deliveries_repository_1.WebhookDeliveriesRepository,
        index_1.AgentsReader,
        index_1.AuditRecorder,
        index_1.TransactionRunner,
        index_1.IdGenerator,
        index_1.Clock])
], WebhookNotifierService);
//# sourceMappingURL=webhook-notifier.service.js.map