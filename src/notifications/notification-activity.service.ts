import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import type { ListAlertsQueryDto, ListDeliveriesQueryDto } from './dto/notification.dto';
import { NotificationAlertsRepository } from './notification-alerts.repository';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import { toAlertResponse, toDeliveryResponse } from './notifications.mapper';
import type { NotificationAlertResponse, NotificationDeliveryResponse } from '../contracts';

const DAY_MS = 86_400_000;
/** Rows per retention batch, each its own short transaction (as the maintenance sweep does it). */
const PRUNE_BATCH = 250;

/** What happened: alerts and deliveries for the console, and their retention (docs/notifications.md, "Retention"). */
@Injectable()
export class NotificationActivityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: NotificationAlertsRepository,
    private readonly deliveries: NotificationDeliveriesRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async listAlerts(_ctx: RequestContext, query: ListAlertsQueryDto): Promise<Page<NotificationAlertResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.alerts.list({ state: query.state, offset: req.offset, limit: req.pageSize });
    return new Page(rows.map(toAlertResponse), pagination(req, total));
  }

  async listDeliveries(
    _ctx: RequestContext,
    query: ListDeliveriesQueryDto,
  ): Promise<Page<NotificationDeliveryResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.deliveries.list({
      channelId: query.channelId,
      status: query.status,
      offset: req.offset,
      limit: req.pageSize,
    });
    return new Page(rows.map(toDeliveryResponse), pagination(req, total));
  }

  /** Deletes finished deliveries and ended alerts older than `OPSTAGE_NOTIFICATIONS_RETENTION_DAYS`. */
  async prune(): Promise<{ deliveries: number; alerts: number }> {
    const cutoff = new Date(this.clock.nowMs() - this.config.notifications.retentionDays * DAY_MS).toISOString();
    const drain = async (batch: () => Promise<BatchOutcome>): Promise<number> => {
      let total = 0;
      for (;;) {
        const outcome = await batch();
        total += outcome.affected;
        if (outcome.selected < PRUNE_BATCH) return total;
      }
    };
    const deliveries = await drain(() =>
      this.tx.run((em) => this.deliveries.pruneFinishedBatch(cutoff, PRUNE_BATCH, em)),
    );
    const alerts = await drain(() => this.tx.run((em) => this.alerts.pruneClosedBatch(cutoff, PRUNE_BATCH, em)));
    return { deliveries, alerts };
  }
}
