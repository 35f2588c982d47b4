import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import type { PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
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
import { NotificationTableComponent, Paging } from './notification-table.component';

const DELIVERY_STATUSES: readonly NotificationDeliveryStatus[] = ['pending', 'sent', 'failed'];

/** The read-only Deliveries tab (docs/notifications.md); its filters live in the page's URL. */
@Component({
  selector: 'app-notification-deliveries-tab',
  imports: [
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    NotificationTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deliveries-tab.component.html',
  styleUrl: './notification-tabs.css',
})
export class NotificationDeliveriesTab {
  protected readonly deliveryStatuses = DELIVERY_STATUSES;
  readonly loader = input.required<Loader<Paged<NotificationDeliveryResponse>>>();
  readonly paging = input.required<Paging>();
  readonly channelId = input.required<string>();
  readonly status = input.required<string>();
  /** Every channel, for the filter; and id to name for the rows (an unknown channel shows its id). */
  readonly channels = input.required<readonly NotificationChannelResponse[]>();
  readonly channelNames = input.required<ReadonlyMap<string, string>>();
  readonly filterChange = output<{ key: 'channelId' | 'status'; value: string }>();
  readonly retry = output();
  readonly pageChange = output<PageEvent>();
}
