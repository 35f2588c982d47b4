import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { RequestContext } from '../common/context/request-context';
import { IdGenerator } from '../common/ids/id-generator';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ChannelVault } from './channel-vault';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import type { NotificationDeliveryEntity } from './notification-delivery.entity';
import { parseMessage } from './notification-message';
import { NotificationSender } from './notification-sender';
import { NotificationsRepository } from './notifications.repository';

/** Deliveries in flight per process; each channel has at most one of them. */
export const MAX_IN_FLIGHT = 8;

/**
 * The outbox worker (docs/notifications.md, "Delivery and retries"). It claims due deliveries with a
 * lease, sends each outside any request or transaction, and records the attempt: sent, or retried
 * with exponential back-off until `OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS`, then failed. Each channel has
 * at most one delivery in flight and the total is bounded, so a slow or failing channel holds one
 * slot and never delays another channel, a request or the evaluator. Every replica runs one; the
 * lease makes each delivery go out from one replica only.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('notifications');
  /** This process's name on the leases it takes. */
  readonly owner: string;
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: NotificationDeliveriesRepository,
    private readonly channels: NotificationsRepository,
    private readonly vault: ChannelVault,
    private readonly sender: NotificationSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    ids: IdGenerator,
  ) {
    this.owner = `${config.replicaId}/${ids.next('nwk')}`.slice(0, 120);
  }

  /** Polls for due retries and for deliveries other replicas queued; a local insert wakes it at once (`kick`). */
  onApplicationBootstrap(): void {
    const every = Math.max(100, Math.min(this.config.notifications.backoffMs, 5000));
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    await Promise.all([...this.inFlight]);
    try {
      await this.deliveries.release(this.owner);
    } catch (error) {
      // The leases run out by themselves; another replica then takes the rows over.
      this.logger.warn({ msg: 'could not release held notification deliveries', error: message(error) });
    }
  }

  /** Looks for due deliveries now (after this process queued some, and on every poll). */
  kick(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.claim()
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'could not claim notification deliveries; retrying later', error: message(error) }),
      )
      .finally(() => {
        this.claiming = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async claim(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0 || this.stopped) return;
    const nowMs = this.clock.nowMs();
    const leaseUntil = new Date(nowMs + this.config.notifications.timeoutMs + 60_000).toISOString();
    const rows = await this.deliveries.claimDue(this.owner, new Date(nowMs).toISOString(), leaseUntil, room, this.busy);
    for (const row of rows) {
      this.busy.add(row.channelId);
      const job: Promise<void> = this.deliver(row)
        .catch((error: unknown) =>
          this.logger.error({
            msg: 'notification delivery bookkeeping failed',
            deliveryId: row.id,
            error: message(error),
          }),
        )
        .finally(() => {
          this.busy.delete(row.channelId);
          this.inFlight.delete(job);
          this.kick();
        });
      this.inFlight.add(job);
    }
  }

  private async deliver(row: NotificationDeliveryEntity): Promise<void> {
    const channel = await this.channels.findChannel(row.channelId);
    const msg = parseMessage(row.messageJson);
    const outcome =
      channel && channel.enabled
        ? await this.sender.send(
            { type: channel.type, settings: this.vault.open(channel) },
            msg,
            row.id,
            this.config.notifications.timeoutMs,
          )
        : { ok: false, retryable: false, error: channel ? 'channel disabled' : 'channel deleted' };
    const attempts = row.attempts + 1;
    const nowMs = this.clock.nowMs();
    const now = new Date(nowMs).toISOString();
    const { maxAttempts, backoffMs } = this.config.notifications;
    const final = outcome.ok || !outcome.retryable || attempts >= maxAttempts;
    const status = outcome.ok ? 'sent' : final ? 'failed' : 'pending';
    const recorded = await this.deliveries.recordAttempt(row.id, this.owner, {
      status,
      attempts,
      lastError: outcome.error,
      updatedAt: now,
      sentAt: outcome.ok ? now : null,
      nextAttemptAt: final ? null : new Date(nowMs + backoffMs * 2 ** (attempts - 1)).toISOString(),
    });
    if (!recorded) {
      this.logger.log({ msg: 'notification delivery taken over by another replica', deliveryId: row.id });
      return;
    }
    if (channel)
      await this.channels.recordChannelOutcome(channel.id, outcome.ok ? 'ok' : 'failing', outcome.error, now);
    if (!outcome.ok && !final) return;
    if (!outcome.ok)
      this.logger.warn({ msg: 'notification delivery failed', deliveryId: row.id, attempts, error: outcome.error });
    await this.audit.recordNow(RequestContext.system(this.clock), {
      action: outcome.ok ? 'notification.delivery.sent' : 'notification.delivery.failed',
      targetType: 'NotificationDelivery',
      targetId: row.id,
      result: outcome.ok ? 'SUCCESS' : 'FAILURE',
      message: outcome.ok ? msg.title : `${msg.title}: ${outcome.error ?? 'failed'}`,
      metadata: {
        channelId: row.channelId,
        channelType: channel?.type ?? null,
        kind: row.kind,
        event: msg.event,
        alertId: row.alertId,
        attempts,
      },
    });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
