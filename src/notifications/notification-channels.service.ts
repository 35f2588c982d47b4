import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';
import { checkSettings } from './channel-settings';
import { ChannelVault } from './channel-vault';
import type { CreateNotificationChannelDto, UpdateNotificationChannelDto } from './dto/notification.dto';
import type { NotificationChannelEntity } from './notification-channel.entity';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import type { NotificationMessage } from './notification-message';
import { NotificationSender } from './notification-sender';
import { ruleChannelIds, toChannelResponse } from './notifications.mapper';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationChannelResponse, NotificationChannelType, NotificationTestResponse } from '../contracts';

/** Channel management and the "send test" button (docs/notifications.md, "Channels"); every change audited. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: NotificationsRepository,
    private readonly deliveries: NotificationDeliveriesRepository,
    private readonly vault: ChannelVault,
    private readonly sender: NotificationSender,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async list(_ctx: RequestContext, query: PaginationQueryDto): Promise<Page<NotificationChannelResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.repo.listChannels(req.offset, req.pageSize);
    return new Page(
      rows.map((r) => this.toResponse(r)),
      pagination(req, total),
    );
  }

  async create(ctx: RequestContext, dto: CreateNotificationChannelDto): Promise<NotificationChannelResponse> {
    const settings = this.checked(dto.type, dto.settings, {});
    const row: NotificationChannelEntity = {
      id: this.ids.next('nch'),
      name: dto.name,
      type: dto.type,
      enabled: dto.enabled ?? true,
      ...this.vault.seal(dto.type, settings),
      status: 'untested',
      lastError: null,
      lastDeliveryAt: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.repo.insertChannel(row, em);
      await this.record(ctx, 'notification.channel.created', row, { enabled: row.enabled }, em);
    });
    return this.toResponse(row);
  }

  async update(
    ctx: RequestContext,
    id: string,
    dto: UpdateNotificationChannelDto,
  ): Promise<NotificationChannelResponse> {
    const current = await this.getOrThrow(id);
    const patch: Partial<NotificationChannelEntity> = { updatedAt: ctx.nowIso };
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.enabled !== undefined) patch.enabled = dto.enabled;
    if (dto.settings !== undefined) {
      const settings = this.checked(current.type, dto.settings, this.vault.open(current));
      // New settings, new destination: the old status said nothing about it.
      Object.assign(patch, this.vault.seal(current.type, settings), { status: 'untested', lastError: null });
    }
    await this.tx.run(async (em) => {
      await this.repo.updateChannel(id, patch, em);
      // Field names only: settings hold addresses with tokens in them, and the audit log is widely readable.
      const changed = Object.keys(dto).filter((k) => dto[k as keyof UpdateNotificationChannelDto] !== undefined);
      await this.record(ctx, 'notification.channel.updated', current, { changed }, em);
    });
    return this.toResponse({ ...current, ...patch });
  }

  /** Rules keep working without it (its id leaves their lists); its waiting deliveries end as failed. */
  async delete(ctx: RequestContext, id: string): Promise<{ deleted: true }> {
    const current = await this.getOrThrow(id);
    await this.tx.run(async (em) => {
      for (const rule of await this.repo.allRules(em)) {
        const ids = ruleChannelIds(rule);
        if (ids.includes(id))
          await this.repo.updateRule(
            rule.id,
            { channelIdsJson: JSON.stringify(ids.filter((c) => c !== id)), updatedAt: ctx.nowIso },
            em,
          );
      }
      await this.deliveries.failPendingOfChannel(id, ctx.nowIso, em);
      await this.repo.deleteChannel(id, em);
      await this.record(ctx, 'notification.channel.deleted', current, {}, em);
    });
    return { deleted: true };
  }

  /**
   * Sends one test message now, within the request, once (no retry), and answers how it went. The
   * attempt is kept in the delivery list (kind `test`) and sets the channel's status like any other.
   */
  async test(ctx: RequestContext, id: string): Promise<NotificationTestResponse> {
    const channel = await this.getOrThrow(id);
    const who = ctx.principal.kind === 'user' ? ctx.principal.username : ctx.principal.kind;
    const deliveryId = this.ids.next('ndl');
    const message: NotificationMessage = {
      kind: 'test',
      event: 'test',
      severity: 'info',
      title: `Test notification from Opstage`,
      text: `Channel "${channel.name}" works: ${who} sent this test from Opstage.`,
      subject: { type: 'channel', id: channel.id, name: channel.name },
      labels: [],
      alertId: null,
      ruleId: null,
      occurredAt: ctx.nowIso,
      url: this.config.publicBaseUrl ? `${this.config.publicBaseUrl.replace(/\/$/, '')}/notifications` : null,
    };
    const started = this.clock.nowMs();
    const outcome = await this.sender.send(
      { type: channel.type, settings: this.vault.open(channel) },
      message,
      deliveryId,
      this.config.notifications.timeoutMs,
    );
    const durationMs = Math.max(0, this.clock.nowMs() - started);
    const now = this.clock.nowIso();
    await this.repo.recordChannelOutcome(id, outcome.ok ? 'ok' : 'failing', outcome.error, now);
    await this.tx.run(async (em) => {
      await this.deliveries.insert(
        [
          {
            id: deliveryId,
            channelId: id,
            alertId: null,
            kind: 'test',
            status: outcome.ok ? 'sent' : 'failed',
            attempts: 1,
            lastError: outcome.error,
            nextAttemptAt: null,
            messageJson: JSON.stringify(message),
            leaseOwner: null,
            leaseUntil: null,
            createdAt: ctx.nowIso,
            sentAt: outcome.ok ? now : null,
            updatedAt: now,
          },
        ],
        em,
      );
      await this.audit.record(
        ctx,
        {
          action: 'notification.channel.tested',
          targetType: 'NotificationChannel',
          targetId: id,
          result: outcome.ok ? 'SUCCESS' : 'FAILURE',
          metadata: { name: channel.name, type: channel.type, ok: outcome.ok, error: outcome.error, durationMs },
        },
        em,
      );
    });
    return { ok: outcome.ok, error: outcome.error, durationMs };
  }

  private async getOrThrow(id: string): Promise<NotificationChannelEntity> {
    const row = await this.repo.findChannel(id);
    if (!row) throw notFound('NOTIFICATION_CHANNEL_NOT_FOUND', 'Notification channel not found.', { channelId: id });
    return row;
  }

  private checked(type: NotificationChannelType, raw: unknown, stored: Record<string, unknown>) {
    const result = checkSettings(type, raw, stored, this.config.webhook.allowPrivate);
    if (!result.ok) throw validationFailed(result.issues, 'Channel settings validation failed.');
    return result.settings;
  }

  private toResponse(row: NotificationChannelEntity): NotificationChannelResponse {
    return toChannelResponse(row, Object.keys(this.vault.secrets(row)));
  }

  private record(
    ctx: RequestContext,
    action: string,
    row: Pick<NotificationChannelEntity, 'id' | 'name' | 'type'>,
    extra: Record<string, unknown>,
    em: Tx,
  ): Promise<void> {
    return this.audit.record(
      ctx,
      {
        action,
        targetType: 'NotificationChannel',
        targetId: row.id,
        metadata: { name: row.name, type: row.type, ...extra },
      },
      em,
    );
  }
}
