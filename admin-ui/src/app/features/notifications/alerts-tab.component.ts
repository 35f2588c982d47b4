import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PageEvent } from '@angular/material/paginator';
import type { NotificationAlertResponse, NotificationAlertState, Paged } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import type { Loader } from '../../shared/util/loader';
import { FilterOption, NotificationFilter } from './notification-tab-parts';
import { NotificationTableComponent, Paging } from './notification-table.component';

const ALERT_STATES: readonly NotificationAlertState[] = [
  'pending',
  'firing',
  'resolved',
  'cancelled',
];
const SUBJECT_PAGES: Record<NotificationAlertResponse['subjectType'], string> = {
  agent: '/agents',
  service: '/services',
  command: '/commands',
};

/** The read-only Alerts tab (docs/notifications.md); the state filter lives in the page's URL. */
@Component({
  selector: 'app-notification-alerts-tab',
  imports: [
    RouterLink,
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    NotificationTableComponent,
    NotificationFilter,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alerts-tab.component.html',
  styleUrl: './notification-tabs.css',
})
export class NotificationAlertsTab {
  protected readonly stateOptions: readonly FilterOption[] = ALERT_STATES.map((s) => ({
    value: s,
    label: `status.${s}`,
  }));
  readonly loader = input.required<Loader<Paged<NotificationAlertResponse>>>();
  readonly paging = input.required<Paging>();
  readonly state = input.required<string>();
  readonly filterChange = output<{ key: 'state'; value: string }>();
  readonly retry = output();
  readonly pageChange = output<PageEvent>();

  /** The page of what the alert is about. */
  protected subjectLink(alert: NotificationAlertResponse): string[] {
    return [SUBJECT_PAGES[alert.subjectType], alert.subjectId];
  }
}
