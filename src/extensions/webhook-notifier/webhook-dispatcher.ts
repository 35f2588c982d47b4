import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { Clock } from '../index';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WEBHOOK_OPTIONS, type ResolvedWebhookOptions } from './webhook-notifier.options';
import { WebhookSender } from './webhook-sender';

export interface DeliveryJob {
  deliveryId: string;
  event: string;
  body: string;
  /** Attempts already made (a resumed delivery continues its count). */
  attempts: number;
}

/**
 * The fire-and-forget queue: one delivery at a time (receivers see events in order), retries
 * with exponential backoff, every attempt recorded. Nothing here is awaited by the request or
 * sweep that raised the event. On shutdown the attempt in flight is abandoned and the row stays
 * PENDING; the next boot resumes it.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('webhook-notifier');
  private readonly queue: DeliveryJob[] = [];
  private readonly shutdown = new AbortController();
  private draining: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
  ) {}

  /** Notifications accepted but not finished (queued plus the one in flight). */
  get depth(): number {
    return this.queue.length + (this.draining ? 1 : 0);
  }

  hasRoom(): boolean {
    return !this.stopped && this.queue.length < this.options.queueLimit;
  }

  /** Queues a delivery whose row already exists; false when stopping or full. */
  enqueue(job: DeliveryJob): boolean {
    if (!this.options.url || !this.hasRoom()) {
      if (!this.stopped)
        this.logger.warn({
          msg: 'webhook queue full; notification left pending',
          deliveryId: job.deliveryId,
          event: job.event,
        });
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

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    await this.draining;
  }

  private async drain(): Promise<void> {
    for (let job = this.queue.shift(); job && !this.stopped; job = this.queue.shift()) {
      try {
        await this.deliver(job);
      } catch (error) {
        this.logger.error({
          msg: 'webhook delivery bookkeeping failed',
          deliveryId: job.deliveryId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private async deliver(job: DeliveryJob): Promise<void> {
    const url = this.options.url;
    if (!url) return;
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
        allowPrivate: this.options.allowPrivate,
      });
      // Cut short by shutdown: not an attempt; the row stays PENDING for the next boot.
      if (!outcome.ok && this.stopped) return;
      attempts += 1;
      const now = this.clock.nowIso();
      if (outcome.ok) {
        await this.deliveries.update(job.deliveryId, {
          status: 'DELIVERED',
          attempts,
          responseStatus: outcome.responseStatus,
          lastError: null,
          deliveredAt: now,
          updatedAt: now,
        });
        return;
      }
      const final = !outcome.retryable || attempts >= this.options.maxAttempts;
      await this.deliveries.update(job.deliveryId, {
        status: final ? 'FAILED' : 'PENDING',
        attempts,
        responseStatus: outcome.responseStatus,
        lastError: outcome.error,
        updatedAt: now,
      });
      if (final) {
        this.logger.warn({
          msg: 'webhook delivery failed',
          deliveryId: job.deliveryId,
          event: job.event,
          attempts,
          error: outcome.error,
        });
        return;
      }
      await delay(this.options.backoffMs * 2 ** (attempts - 1), undefined, { signal: this.shutdown.signal }).catch(
        () => undefined,
      );
    }
  }
}
