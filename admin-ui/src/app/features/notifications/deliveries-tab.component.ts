import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';
import type {
  NotificationChannelResponse,
  NotificationDeliveryResponse,
  NotificationDeliveryStatus,
  Paged,
} from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import type { Loader } from '../../shared/util/loader';
import { FilterOption, NotificationFilter } from './notification-tab-parts';
import { NotificationTableComponent, Paging } from './notification-table.component';

const DELIVERY_STATUSES: readonly NotificationDeliveryStatus[] = ['pending', 'sent', 'failed'];

/** The read-only Deliveries tab (docs/notifications.md); its filters live in the page's URL. */
@Component({
  selector: 'app-notification-deliveries-tab',
  imports: [
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    NotificationTableComponent,
    NotificationFilter,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deliveries-tab.component.html',
  styleUrl: './notification-tabs.css',
})
export class NotificationDeliveriesTab {
  protected readonly statusOptions: readonly FilterOption[] = DELIVERY_STATUSES.map((s) => ({
    value: s,
    label: `status.${s}`,
  }));
  readonly loader = input.required<Loader<Paged<NotificationDeliveryResponse>>>();
  readonly paging = input.required<Paging>();
  readonly channelId = input.required<string>();
  readonly status = input.required<string>();
  /** Every channel, for the filter; and id to name for the rows (an unknown channel shows its id). */
  readonly channels = input.required<readonly NotificationChannelResponse[]>();
  readonly channelNames = input.required<ReadonlyMap<string, string>>();
  protected readonly channelOptions = computed<readonly FilterOption[]>(() =>
    this.channels().map((c) => ({ value: c.id, label: c.name })),
  );
  readonly filterChange = output<{ key: 'channelId' | 'status'; value: string }>();
  readonly retry = output();
  readonly pageChange = output<PageEvent>();
}
