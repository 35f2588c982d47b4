import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  AgentsReader,
  AuditRecorder,
  Clock,
  DomainError,
  IdGenerator,
  OnOpstageEvent,
  Page,
  pageRequest,
  pagination,
  redact,
  RequestContext,
  TransactionRunner,
  type AgentOfflineEvent,
  type AgentOnlineEvent,
  type AgentRegisteredEvent,
  type CommandCompletedEvent,
  type CommandCreatedEvent,
  type CommandFailedEvent,
  type OpstageEventName,
  type ServiceHealthChangedEvent,
} from '../index';
import type { ListDeliveriesQueryDto } from './dto/list-deliveries-query.dto';
import { notificationText, type NotifiedEvent } from './notification-text';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { toDeliveryResponse, type WebhookDeliveryResponse } from './webhook-delivery.mapper';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WEBHOOK_NOTIFIER_NAME, WEBHOOK_OPTIONS, type ResolvedWebhookOptions } from './webhook-notifier.options';

export const TEST_EVENT = 'webhook.test';
/** How often each replica looks for PENDING deliveries nobody holds any more. */
export const RESUME_EVERY_MS = 30_000;

export interface WebhookStatusResponse {
  enabled: boolean;
  /** Scheme, host and port only: webhook URLs often carry a token in their path. */
  target: string | null;
  signed: boolean;
  events: string[];
  maxAttempts: number;
  timeoutMs: number;
  queueDepth: number;
}

/** Turns Opstage events into webhook deliveries; also the admin list, status and test send. */
@Injectable()
export class WebhookNotifierService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('webhook-notifier');
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
    private readonly dispatcher: WebhookDispatcher,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly agents: AgentsReader,
    private readonly audit: AuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /**
   * Resumes what a stopped process accepted but did not finish (released at its shutdown), and
   * keeps looking every RESUME_EVERY_MS for deliveries whose replica died (lease run out).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.url) return;
    await this.resumeFree();
    this.resumeTimer = setInterval(() => void this.resumeFree(), RESUME_EVERY_MS);
    this.resumeTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.resumeTimer) clearInterval(this.resumeTimer);
  }

  /** Claims free PENDING deliveries (each by one replica only) and queues them. */
  async resumeFree(): Promise<number> {
    const room = this.options.queueLimit - this.dispatcher.depth;
    if (room <= 0 || !this.dispatcher.hasRoom()) return 0;
    try {
      const rows = await this.deliveries.claimFree(
        this.dispatcher.holder,
        this.clock.nowIso(),
        this.dispatcher.leaseFromNow(),
        room,
      );
      for (const row of rows)
        this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: row.attempts });
      if (rows.length > 0) this.logger.log({ msg: 'resuming pending webhook deliveries', count: rows.length });
      return rows.length;
    } catch (error) {
      this.logger.warn({
        msg: 'could not claim pending webhook deliveries; retrying later',
        error: error instanceof Error ? error.message : String(error),
      });
      return 0;
    }
  }

  @OnOpstageEvent('agent.registered')
  onAgentRegistered(payload: AgentRegisteredEvent): Promise<void> {
    return this.notify({ event: 'agent.registered', payload });
  }

  @OnOpstageEvent('agent.online')
  onAgentOnline(payload: AgentOnlineEvent): Promise<void> {
    return this.notify({ event: 'agent.online', payload });
  }

  @OnOpstageEvent('agent.offline')
  onAgentOffline(payload: AgentOfflineEvent): Promise<void> {
    return this.notify({ event: 'agent.offline', payload });
  }

  @OnOpstageEvent('service.health.changed')
  onHealthChanged(payload: ServiceHealthChangedEvent): Promise<void> {
    return this.notify({ event: 'service.health.changed', payload });
  }

  @OnOpstageEvent('command.created')
  onCommandCreated(payload: CommandCreatedEvent): Promise<void> {
    return this.notify({ event: 'command.created', payload });
  }

  @OnOpstageEvent('command.completed')
  onCommandCompleted(payload: CommandCompletedEvent): Promise<void> {
    return this.notify({ event: 'command.completed', payload });
  }

  @OnOpstageEvent('command.failed')
  onCommandFailed(payload: CommandFailedEvent): Promise<void> {
    return this.notify({ event: 'command.failed', payload });
  }

  async list(_ctx: RequestContext, query: ListDeliveriesQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.deliveries.list({
      status: query.status,
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(rows.map(toDeliveryResponse), pagination(req, total));
  }

  status(_ctx: RequestContext): WebhookStatusResponse {
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
  async sendTest(ctx: RequestContext): Promise<{ deliveryId: string; status: 'PENDING' }> {
    if (!this.options.url)
      throw new DomainError(
        'WEBHOOK_NOT_CONFIGURED',
        'The webhook notifier is disabled: set OPSTAGE_WEBHOOK_URL.',
        undefined,
        409,
      );
    if (!this.dispatcher.hasRoom())
      throw new DomainError(
        'WEBHOOK_QUEUE_FULL',
        'Too many notifications are waiting; try again later.',
        undefined,
        503,
      );
    const who =
      ctx.principal.kind === 'user'
        ? ctx.principal.username
        : ctx.principal.kind === 'api-token'
          ? `API token ${ctx.principal.name}`
          : ctx.principal.kind;
    const row = this.newDelivery(
      TEST_EVENT,
      `:wave: Test notification from Opstage (requested by ${who}).`,
      { requestedBy: who },
      ctx.nowIso,
      ctx.requestId,
    );
    await this.tx.run(async (em) => {
      await this.deliveries.insert(row, em);
      await this.audit.record(
        ctx,
        { action: `ext.${WEBHOOK_NOTIFIER_NAME}.test_sent`, targetType: 'WebhookDelivery', targetId: row.id },
        em,
      );
    });
    this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: 0 });
    return { deliveryId: row.id, status: 'PENDING' };
  }

  /** Runs in the event listener, i.e. after the change committed and after the request answered. */
  private async notify(e: NotifiedEvent): Promise<void> {
    if (!this.options.url || !this.options.events.has(e.event)) return;
    if (!this.dispatcher.hasRoom()) {
      this.logger.warn({ msg: 'webhook queue full; notification dropped', event: e.event });
      return;
    }
    const ctx = RequestContext.system(this.clock);
    const text = await notificationText(e, {
      agent: (id) => this.agents.getAgent(ctx, id),
      service: (id) => this.agents.getService(ctx, id),
    });
    const row = this.newDelivery(e.event, text, { ...e.payload }, e.payload.occurredAt, e.payload.requestId);
    await this.tx.run((tx) => this.deliveries.insert(row, tx));
    this.dispatcher.enqueue({ deliveryId: row.id, event: row.event, body: row.body, attempts: 0 });
  }

  private newDelivery(
    event: OpstageEventName | typeof TEST_EVENT,
    text: string,
    data: Record<string, unknown>,
    occurredAt: string,
    requestId: string,
  ): WebhookDeliveryEntity {
    const id = this.ids.next('whd');
    const now = this.clock.nowIso();
    // Slack-compatible (`text`), plus machine-readable fields; redacted once, then signed as sent.
    const body = JSON.stringify(
      redact({ text, event, occurredAt, deliveryId: id, requestId, source: 'opstage', data }),
    );
    const summary = (JSON.parse(body) as { text: string }).text.slice(0, 500);
    return {
      id,
      event,
      status: 'PENDING',
      attempts: 0,
      responseStatus: null,
      lastError: null,
      summary,
      body,
      createdAt: now,
      updatedAt: now,
      deliveredAt: null,
      // The replica that raised the event holds it and sends it.
      holder: this.dispatcher.holder,
      leaseUntil: this.dispatcher.leaseFromNow(),
    };
  }
}
