import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { PageEvent } from '@angular/material/paginator';
import { MatTabsModule } from '@angular/material/tabs';
import { filter, switchMap } from 'rxjs';
import type {
  NotificationAlertResponse,
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationRuleResponse,
  NotificationTestResponse,
  Paged,
} from '@opstage/contracts';
import { NotificationsApi } from '../../api/notifications.api';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { createLoader } from '../../shared/util/loader';
import { DEFAULT_PAGE_SIZE, readQuery, writeQuery } from '../../shared/util/url-query';
import { NotificationAlertsTab } from './alerts-tab.component';
import { NotificationChannelDialog } from './channel.dialog';
import { NotificationChannelsTab } from './channels-tab.component';
import { NotificationDeliveriesTab } from './deliveries-tab.component';
import type { Paging } from './notification-table.component';
import { NotificationRuleDialog, RuleDialogData } from './rule.dialog';
import { NotificationRulesTab } from './rules-tab.component';

export const NOTIFICATION_TABS = ['channels', 'rules', 'alerts', 'deliveries'] as const;
export type NotificationTab = (typeof NOTIFICATION_TABS)[number];
const FILTERS = ['state', 'channelId', 'status'] as const;
/** Rule dialogs and name lookups need every channel; the server clamps pages at 100. */
const ALL_CHANNELS = { page: 1, pageSize: 100 };

const firstPage = (): Paging => ({ page: 1, pageSize: DEFAULT_PAGE_SIZE });

/**
 * Notifications (docs/notifications.md): channels and rules (owners change them and send test
 * messages), and, read-only, the alerts being followed and the deliveries sent or retried.
 */
@Component({
  selector: 'app-notifications-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTabsModule,
    TranslatePipe,
    NotificationChannelsTab,
    NotificationRulesTab,
    NotificationAlertsTab,
    NotificationDeliveriesTab,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications.page.html',
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly channels = createLoader<Paged<NotificationChannelResponse>>();
  protected readonly allChannels = createLoader<Paged<NotificationChannelResponse>>();
  protected readonly rules = createLoader<Paged<NotificationRuleResponse>>();
  protected readonly alerts = createLoader<Paged<NotificationAlertResponse>>();
  protected readonly deliveries = createLoader<Paged<NotificationDeliveryResponse>>();
  protected readonly channelsPaging = signal<Paging>(firstPage());
  protected readonly rulesPaging = signal<Paging>(firstPage());
  protected readonly alertsPaging = signal<Paging>(firstPage());
  protected readonly deliveriesPaging = signal<Paging>(firstPage());

  protected readonly tabIndex = signal(0);
  protected readonly state = signal('');
  protected readonly channelId = signal('');
  protected readonly status = signal('');
  /** Channel ids with a test send in flight, and the last answer of each. */
  protected readonly testing = signal<ReadonlySet<string>>(new Set());
  protected readonly testResults = signal<Readonly<Record<string, NotificationTestResponse>>>({});
  protected readonly channelNames = computed(
    () => new Map((this.allChannels.value()?.items ?? []).map((c) => [c.id, c.name])),
  );

  constructor() {
    let first = true;
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const tab = NOTIFICATION_TABS.indexOf((map.get('tab') ?? 'channels') as NotificationTab);
      this.tabIndex.set(tab < 0 ? 0 : tab);
      const f = readQuery(map, FILTERS);
      const state = f['state'] ?? '';
      const deliveryFilter = [f['channelId'] ?? '', f['status'] ?? ''];
      if (first || state !== this.state()) {
        this.state.set(state);
        this.alertsPaging.update((p) => ({ ...p, page: 1 }));
        this.loadAlerts();
      }
      if (first || deliveryFilter.join() !== [this.channelId(), this.status()].join()) {
        this.channelId.set(deliveryFilter[0] ?? '');
        this.status.set(deliveryFilter[1] ?? '');
        this.deliveriesPaging.update((p) => ({ ...p, page: 1 }));
        this.loadDeliveries();
      }
      first = false;
    });
    this.loadChannels();
    this.loadRules();
  }

  refresh(): void {
    this.loadChannels();
    this.loadRules();
    this.loadAlerts();
    this.loadDeliveries();
    this.notifier.success('common.refreshed');
  }

  private loadChannels(silent = false): void {
    this.channels.load(this.api.channels({ ...this.channelsPaging() }), { silent });
    this.allChannels.load(this.api.channels(ALL_CHANNELS), { silent: true });
  }

  private loadRules(silent = false): void {
    this.rules.load(this.api.rules({ ...this.rulesPaging() }), { silent });
  }

  private loadAlerts(silent = false): void {
    this.alerts.load(this.api.alerts({ state: this.state(), ...this.alertsPaging() }), { silent });
  }

  private loadDeliveries(silent = false): void {
    const query = {
      channelId: this.channelId(),
      status: this.status(),
      ...this.deliveriesPaging(),
    };
    this.deliveries.load(this.api.deliveries(query), { silent });
  }

  onTab(index: number): void {
    this.tabIndex.set(index);
    const tab = index === 0 ? null : NOTIFICATION_TABS[index];
    writeQuery(this.router, this.route, { tab }, false);
  }

  applyFilter(key: (typeof FILTERS)[number], value: string): void {
    writeQuery(this.router, this.route, { [key]: value });
  }

  onChannelsPage(e: PageEvent): void {
    this.channelsPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadChannels();
  }

  onRulesPage(e: PageEvent): void {
    this.rulesPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadRules();
  }

  onAlertsPage(e: PageEvent): void {
    this.alertsPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadAlerts();
  }

  onDeliveriesPage(e: PageEvent): void {
    this.deliveriesPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadDeliveries();
  }

  editChannel(channel: NotificationChannelResponse | null): void {
    this.dialog
      .open<
        NotificationChannelDialog,
        NotificationChannelResponse | null,
        NotificationChannelResponse
      >(NotificationChannelDialog, {
        data: channel,
        width: '620px',
        maxWidth: '94vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success('notifications.channelSaved', { name: saved.name });
          this.loadChannels(true);
        }
      });
  }

  /** One synchronous send; the answer stays in the row and the channel's status is reloaded. */
  testChannel(channel: NotificationChannelResponse): void {
    if (this.testing().has(channel.id)) return;
    this.testing.update((s) => new Set([...s, channel.id]));
    const done = () => this.testing.update((s) => new Set([...s].filter((x) => x !== channel.id)));
    this.api.testChannel(channel.id).subscribe({
      next: (result) => {
        done();
        this.testResults.update((r) => ({ ...r, [channel.id]: result }));
        if (result.ok) this.notifier.success('notifications.testOk', { name: channel.name });
        else this.notifier.errorKey('notifications.testFailed', { name: channel.name });
        this.loadChannels(true);
        this.loadDeliveries(true);
      },
      error: (err: unknown) => {
        done();
        this.notifier.apiError(err);
      },
    });
  }

  removeChannel(channel: NotificationChannelResponse): void {
    this.confirm
      .ask({
        title: 'notifications.confirmDeleteChannel.title',
        message: 'notifications.confirmDeleteChannel.message',
        params: { name: channel.name },
        danger: true,
        confirmLabel: 'common.delete',
      })
      .pipe(
        filter((ok) => ok),
        switchMap(() => this.api.deleteChannel(channel.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.success('notifications.channelDeleted', { name: channel.name });
          if ((this.channels.value()?.items.length ?? 0) === 1 && this.channelsPaging().page > 1)
            this.channelsPaging.update((p) => ({ ...p, page: p.page - 1 }));
          this.loadChannels(true);
          this.loadRules(true);
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }

  editRule(rule: NotificationRuleResponse | null): void {
    this.dialog
      .open<NotificationRuleDialog, RuleDialogData, NotificationRuleResponse>(
        NotificationRuleDialog,
        {
          data: { rule, channels: this.allChannels.value()?.items ?? [] },
          width: '680px',
          maxWidth: '94vw',
          autoFocus: 'first-tabbable',
        },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success('notifications.ruleSaved', { name: saved.name });
          this.loadRules(true);
        }
      });
  }

  removeRule(rule: NotificationRuleResponse): void {
    this.confirm
      .ask({
        title: 'notifications.confirmDeleteRule.title',
        message: 'notifications.confirmDeleteRule.message',
        params: { name: rule.name },
        danger: true,
        confirmLabel: 'common.delete',
      })
      .pipe(
        filter((ok) => ok),
        switchMap(() => this.api.deleteRule(rule.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.success('notifications.ruleDeleted', { name: rule.name });
          if ((this.rules.value()?.items.length ?? 0) === 1 && this.rulesPaging().page > 1)
            this.rulesPaging.update((p) => ({ ...p, page: p.page - 1 }));
          this.loadRules(true);
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }
}
