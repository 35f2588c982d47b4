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
exports.WebhookDispatcher = void 0;
const common_1 = require("@nestjs/common");
const promises_1 = require("node:timers/promises");
const index_1 = require("../index");
const webhook_deliveries_repository_1 = require("./webhook-deliveries.repository");
const webhook_notifier_options_1 = require("./webhook-notifier.options");
const webhook_sender_1 = require("./webhook-sender");
/**
 * The fire-and-forget queue: one delivery at a time (receivers see events in order), retries
 * with exponential backoff, every attempt recorded. Nothing here is awaited by the request or
 * sweep that raised the event. On shutdown the attempt in flight is abandoned and the row stays
 * PENDING; the next boot resumes it.
 */
let WebhookDispatcher = class WebhookDispatcher {
    options;
    deliveries;
    sender;
    clock;
    logger = new common_1.Logger('webhook-notifier');
    queue = [];
    shutdown = new AbortController();
    draining;
    stopped = false;
    constructor(options, deliveries, sender, clock) {
        this.options = options;
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
    }
    /** Notifications accepted but not finished (queued plus the one in flight). */
    get depth() {
        return this.queue.length + (this.draining ? 1 : 0);
    }
    hasRoom() {
        return !this.stopped && this.queue.length < this.options.queueLimit;
    }
    /** Queues a delivery whose row already exists; false when stopping or full. */
    enqueue(job) {
        if (!this.options.url || !this.hasRoom()) {
            if (!this.stopped)
                this.logger.warn({ msg: 'webhook queue full; notification left pending', deliveryId: job.deliveryId, event: job.event });
            return false;
        }
        this.queue.push(job);
        if (!this.draining) {
            this.draining = this.drain().finally(() => {
                this.draining = undefined;
            });
        }
        return true;
    }
    async onModuleDestroy() {
        this.stopped = true;
        this.shutdown.abort();
        await this.draining;
    }
    async drain() {
        for (let job = this.queue.shift(); job && !this.stopped; job = this.queue.shift()) {
            try {
                await this.deliver(job);
            }
            catch (error) {
                this.logger.error({ msg: 'webhook delivery bookkeeping failed', deliveryId: job.deliveryId, error: error instanceof Error ? error.message : String(error) });
            }
        }
    }
    async deliver(job) {
        const url = this.options.url;
        if (!url)
            return;
        let attempts = job.attempts;
        while (attempts < this.options.maxAttempts && !this.stopped) {
            const outcome = await this.sender.send({
                url,
                body: job.body,
                secret: this.options.secret,
                event: job.event,
                deliveryId: job.deliveryId,
                timeoutMs: this.options.timeoutMs,
                signal: this.shutdown.signal,
            });
            // Cut short by shutdown: not an attempt; the row stays PENDING for the next boot.
            if (!outcome.ok && this.stopped)
                return;
            attempts += 1;
            const now = this.clock.nowIso();
            if (outcome.ok) {
                await this.deliveries.update(job.deliveryId, { status: 'DELIVERED', attempts, responseStatus: outcome.responseStatus, lastError: null, deliveredAt: now, updatedAt: now });
                return;
            }
            const final = !outcome.retryable || attempts >= this.options.maxAttempts;
            await this.deliveries.update(job.deliveryId, { status: final ? 'FAILED' : 'PENDING', attempts, responseStatus: outcome.responseStatus, lastError: outcome.error, updatedAt: now });
            if (final) {
                this.logger.warn({ msg: 'webhook delivery failed', deliveryId: job.deliveryId, event: job.event, attempts, error: outcome.error });
                return;
            }
            await (0, promises_1.setTimeout)(this.options.backoffMs * 2 ** (attempts - 1), undefined, { signal: this.shutdown.signal }).catch(() => undefined);
        }
    }
};
exports.WebhookDispatcher = WebhookDispatcher;
exports.WebhookDispatcher = WebhookDispatcher = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(webhook_notifier_options_1.WEBHOOK_OPTIONS)),
    __metadata("design:paramtypes", [Object, webhook_deliveries_repository_1.WebhookDeliveriesRepository,
        webhook_sender_1.WebhookSender,
        index_1.Clock])
], WebhookDispatcher);
//# sourceMappingURL=webhook-dispatcher.js.map