import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { EVENT_SEVERITY } from './alert-rules';
import type { RequestContext } from '../common/context/request-context';
import { IdGenerator } from '../common/ids/id-generator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import type { NotificationAlertEntity } from './notification-alert.entity';
import type { NotificationChannelEntity } from './notification-channel.entity';
import { NotificationAlertsRepository } from './notification-alerts.repository';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import type { NotificationDeliveryEntity } from './notification-delivery.entity';
import { conditionTitle, type NotificationMessage } from './notification-message';
import { NotificationDispatcher } from './notification-dispatcher';
import type {
  NotificationDeliveryKind,
  NotificationEventType,
  NotificationLabel,
  NotificationSeverity,
} from '../contracts';

/** What a message is about: the subject and what to say about it. */
export interface AlertSubject {
  type: 'agent' | 'service' | 'command';
  id: string;
  name: string;
  labels: NotificationLabel[];
}

/**
 * The writes of notifications: each alert transition in its own short transaction with its audit row
 * and the deliveries it queues, then a wake-up for the dispatcher (docs/notifications.md, "Delay,
 * reminders and recovery"). Every transition is conditional on the state the caller saw.
 */
@Injectable()
export class AlertTransitionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: NotificationAlertsRepository,
    private readonly deliveries: NotificationDeliveriesRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly tx: TransactionRunner,
  ) {}

  /** A new pending alert; null when one is already open for this rule and subject. */
  async open(
    ctx: RequestContext,
    input: { ruleId: string; event: NotificationEventType; subject: AlertSubject; openKey: string },
  ): Promise<NotificationAlertEntity | null> {
    const row: NotificationAlertEntity = {
      id: this.ids.next('nal'),
      ruleId: input.ruleId,
      event: input.event,
      severity: severityOf(input.event),
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      subjectName: input.subject.name,
      state: 'pending',
      openKey: input.openKey,
      openedAt: ctx.nowIso,
      firedAt: null,
      resolvedAt: null,
      lastNotifiedAt: null,
      reminderCount: 0,
      updatedAt: ctx.nowIso,
    };
    const inserted = await this.tx.run(async (em) => {
      if (!(await this.alerts.insertIfNone(row, em))) return false;
      await this.record(ctx, 'notification.alert.opened', row, em);
      return true;
    });
    return inserted ? row : null;
  }

  /** pending → firing, with a `fire` message to every channel. */
  fire(
    ctx: RequestContext,
    alert: NotificationAlertEntity,
    subject: AlertSubject,
    channels: readonly NotificationChannelEntity[],
  ): Promise<boolean> {
    const patch = { state: 'firing' as const, firedAt: ctx.nowIso, lastNotifiedAt: ctx.nowIso, updatedAt: ctx.nowIso };
    const text = conditionText(alert.event, subject, 'fire', alert.openedAt, ctx.nowIso);
    return this.step(ctx, alert, 'pending', patch, 'notification.alert.fired', channels, 'fire', subject, text);
  }

  /** firing → firing, a `reminder` message, one more in the count. */
  remind(
    ctx: RequestContext,
    alert: NotificationAlertEntity,
    subject: AlertSubject,
    channels: readonly NotificationChannelEntity[],
  ): Promise<boolean> {
    const patch = { lastNotifiedAt: ctx.nowIso, reminderCount: alert.reminderCount + 1, updatedAt: ctx.nowIso };
    const text = conditionText(alert.event, subject, 'reminder', alert.firedAt ?? alert.openedAt, ctx.nowIso);
    return this.step(ctx, alert, 'firing', patch, 'notification.alert.reminded', channels, 'reminder', subject, text);
  }

  /** firing → resolved; a `recovery` message when `channels` is not empty. */
  resolve(
    ctx: RequestContext,
    alert: NotificationAlertEntity,
    subject: AlertSubject,
    channels: readonly NotificationChannelEntity[],
  ): Promise<boolean> {
    const patch = { state: 'resolved' as const, openKey: null, resolvedAt: ctx.nowIso, updatedAt: ctx.nowIso };
    const text = conditionText(alert.event, subject, 'recovery', alert.openedAt, ctx.nowIso);
    return this.step(ctx, alert, 'firing', patch, 'notification.alert.resolved', channels, 'recovery', subject, text);
  }

  /** pending → cancelled: it ended inside the delay, nobody is told (the flapping case). */
  cancel(ctx: RequestContext, alert: NotificationAlertEntity): Promise<boolean> {
    const patch = { state: 'cancelled' as const, openKey: null, resolvedAt: ctx.nowIso, updatedAt: ctx.nowIso };
    return this.tx.run(async (em) => {
      if (!(await this.alerts.transition(alert.id, 'pending', patch, em))) return false;
      await this.record(ctx, 'notification.alert.cancelled', { ...alert, ...patch }, em);
      return true;
    });
  }

  /** A one-shot event (`command.failed`, `approval.requested`): `event` messages at once, no alert. */
  async event(
    ctx: RequestContext,
    event: NotificationEventType,
    subject: AlertSubject,
    text: string,
    ruleId: string | null,
    channels: readonly NotificationChannelEntity[],
  ): Promise<number> {
    if (channels.length === 0) return 0;
    const message = this.message('event', event, subject, text, null, ruleId, ctx.nowIso);
    const rows = this.rows(channels, message, null, 'event', ctx.nowIso);
    await this.tx.run((em) => this.deliveries.insert(rows, em));
    this.dispatcher.kick();
    return rows.length;
  }

  private async step(
    ctx: RequestContext,
    alert: NotificationAlertEntity,
    from: 'pending' | 'firing',
    patch: Partial<NotificationAlertEntity>,
    action: string,
    channels: readonly NotificationChannelEntity[],
    kind: 'fire' | 'reminder' | 'recovery',
    subject: AlertSubject,
    text: string,
  ): Promise<boolean> {
    const message = this.message(kind, alert.event, subject, text, alert.id, alert.ruleId, ctx.nowIso);
    const rows = this.rows(channels, message, alert.id, kind, ctx.nowIso);
    const done = await this.tx.run(async (em) => {
      if (!(await this.alerts.transition(alert.id, from, patch, em))) return false;
      await this.deliveries.insert(rows, em);
      await this.record(ctx, action, { ...alert, ...patch }, em, { channelIds: channels.map((c) => c.id) });
      return true;
    });
    if (done && rows.length > 0) this.dispatcher.kick();
    return done;
  }

  private message(
    kind: NotificationDeliveryKind,
    event: NotificationEventType,
    subject: AlertSubject,
    text: string,
    alertId: string | null,
    ruleId: string | null,
    nowIso: string,
  ): NotificationMessage {
    const title =
      kind === 'fire' || kind === 'reminder' || kind === 'recovery'
        ? conditionTitle(kind, event, subject)
        : conditionTitle('fire', event, subject);
    const base = this.config.publicBaseUrl?.replace(/\/$/, '');
    const path = subject.type === 'agent' ? 'agents' : subject.type === 'service' ? 'services' : 'commands';
    return {
      kind,
      event,
      severity: severityOf(event),
      title,
      text,
      subject: { type: subject.type, id: subject.id, name: subject.name },
      labels: subject.labels,
      alertId,
      ruleId,
      occurredAt: nowIso,
      url: base ? `${base}/${path}/${subject.id}` : null,
    };
  }

  private rows(
    channels: readonly NotificationChannelEntity[],
    message: NotificationMessage,
    alertId: string | null,
    kind: NotificationDeliveryKind,
    nowIso: string,
  ): NotificationDeliveryEntity[] {
    const json = JSON.stringify(message);
    return channels.map((c) => ({
      id: this.ids.next('ndl'),
      channelId: c.id,
      alertId,
      kind,
      status: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: nowIso,
      messageJson: json,
      leaseOwner: null,
      leaseUntil: null,
      createdAt: nowIso,
      sentAt: null,
      updatedAt: nowIso,
    }));
  }

  private record(
    ctx: RequestContext,
    action: string,
    alert: NotificationAlertEntity,
    em: Tx,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(
      ctx,
      {
        action,
        targetType: 'NotificationAlert',
        targetId: alert.id,
        metadata: {
          ruleId: alert.ruleId,
          event: alert.event,
          severity: alert.severity,
          subjectType: alert.subjectType,
          subjectId: alert.subjectId,
          subjectName: alert.subjectName,
          state: alert.state,
          reminderCount: alert.reminderCount,
          ...extra,
        },
      },
      em,
    );
  }
}

function severityOf(event: NotificationEventType): NotificationSeverity {
  return EVENT_SEVERITY[event];
}

/** Minutes (or seconds) between two instants, for "offline for 6 min". */
export function durationWords(fromIso: string, toIso: string): string {
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

function conditionText(
  event: NotificationEventType,
  subject: AlertSubject,
  kind: 'fire' | 'reminder' | 'recovery',
  sinceIso: string,
  nowIso: string,
): string {
  const lasted = durationWords(sinceIso, nowIso);
  const what =
    event === 'agent.offline'
      ? `Agent ${subject.name} has sent no heartbeat within the offline threshold`
      : `Service ${subject.name} reports itself unhealthy (DEGRADED or DOWN)`;
  if (kind === 'recovery')
    return event === 'agent.offline'
      ? `Agent ${subject.name} is heartbeating again, ${lasted} after it was found offline.`
      : `Service ${subject.name} is healthy again, ${lasted} after it was found unhealthy.`;
  if (kind === 'reminder') return `${what}; still so ${lasted} after the first message.`;
  return `${what} (noticed ${lasted} ago).`;
}
