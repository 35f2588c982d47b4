import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { PageEvent } from '@angular/material/paginator';
import type {
  NotificationChannelResponse,
  NotificationTestResponse,
  Paged,
} from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { DurationPipe } from '../../shared/util/duration.pipe';
import type { Loader } from '../../shared/util/loader';
import { NotificationTabToolbar } from './notification-tab-parts';
import {
  NotificationTableComponent,
  Paging,
  RowEditDeleteComponent,
} from './notification-table.component';

/** The Channels tab (docs/notifications.md): the page owns the data and the actions. */
@Component({
  selector: 'app-notification-channels-tab',
  imports: [
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    DateTimePipe,
    DurationPipe,
    StatusTagComponent,
    NotificationTabToolbar,
    NotificationTableComponent,
    RowEditDeleteComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './channels-tab.component.html',
  styleUrl: './notification-tabs.css',
})
export class NotificationChannelsTab {
  protected readonly session = inject(SessionStore);
  readonly loader = input.required<Loader<Paged<NotificationChannelResponse>>>();
  readonly paging = input.required<Paging>();
  /** Channel ids with a test send in flight, and the last answer of each. */
  readonly testing = input.required<ReadonlySet<string>>();
  readonly testResults = input.required<Readonly<Record<string, NotificationTestResponse>>>();
  readonly create = output();
  readonly edit = output<NotificationChannelResponse>();
  readonly test = output<NotificationChannelResponse>();
  readonly remove = output<NotificationChannelResponse>();
  readonly retry = output();
  readonly pageChange = output<PageEvent>();
}
