import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { Clock, IdGenerator } from '../index';
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
 * How long a replica holds a PENDING delivery without renewing: one attempt plus the longest
 * backoff (the most a live holder leaves it alone), plus a minute. After that any replica may take it.
 */
export function deliveryLeaseMs(options: ResolvedWebhookOptions): number {
  return options.timeoutMs + options.backoffMs * 2 ** Math.max(0, options.maxAttempts - 1) + 60_000;
}

/**
 * The fire-and-forget queue: one delivery at a time (receivers see events in order), retries
 * with exponential backoff, every attempt recorded. Nothing here is awaited by the request or
 * sweep that raised the event. Across replicas a delivery is sent only by its `holder` (this
 * process's id, renewed before every attempt), so two replicas never send one delivery. On
 * shutdown the attempt in flight is abandoned, the row stays PENDING and is released, and the
 * next claimer (this process after a restart, or another replica) resumes it.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('webhook-notifier');
  private readonly queue: DeliveryJob[] = [];
  private readonly shutdown = new AbortController();
  private draining: Promise<void> | undefined;
  private stopped = false;
  /** This process's claim on the deliveries it sends (`holder` column). */
  readonly holder: string;

  constructor(
    @Inject(WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    ids: IdGenerator,
  ) {
    this.holder = ids.next('whh');
  }

  /** When a lease taken or renewed now runs out. */
  leaseFromNow(): string {
    return new Date(this.clock.nowMs() + deliveryLeaseMs(this.options)).toISOString();
  }

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
    try {
      await this.deliveries.release(this.holder);
    } catch (error) {
      // The leases run out by themselves; another replica then takes the rows over.
      this.logger.warn({
        msg: 'could not release held webhook deliveries',
        error: error instanceof Error ? error.message : String(error),
      });
    }
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
      if (!(await this.deliveries.renew(job.deliveryId, this.holder, this.leaseFromNow()))) return this.lost(job);
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
        await this.deliveries.update(job.deliveryId, this.holder, {
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
      const recorded = await this.deliveries.update(job.deliveryId, this.holder, {
        status: final ? 'FAILED' : 'PENDING',
        attempts,
        responseStatus: outcome.responseStatus,
        lastError: outcome.error,
        updatedAt: now,
      });
      if (!recorded) return this.lost(job);
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

  /** Another replica took the delivery over (this one let its lease run out): it sends, not us. */
  private lost(job: DeliveryJob): void {
    this.logger.log({ msg: 'webhook delivery taken over by another replica', deliveryId: job.deliveryId });
  }
}
