import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';
import type { NotificationRuleResponse, Paged } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import type { Loader } from '../../shared/util/loader';
import { NotificationTabToolbar } from './notification-tab-parts';
import {
  NotificationTableComponent,
  Paging,
  RowEditDeleteComponent,
} from './notification-table.component';

/** The Rules tab (docs/notifications.md): the page owns the data and the actions. */
@Component({
  selector: 'app-notification-rules-tab',
  imports: [
    TranslatePipe,
    StatusTagComponent,
    NotificationTabToolbar,
    NotificationTableComponent,
    RowEditDeleteComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rules-tab.component.html',
  styleUrl: './notification-tabs.css',
})
export class NotificationRulesTab {
  private readonly i18n = inject(I18nService);
  protected readonly session = inject(SessionStore);
  readonly loader = input.required<Loader<Paged<NotificationRuleResponse>>>();
  readonly paging = input.required<Paging>();
  /** Channel id to name; a channel not (yet) known shows its id. */
  readonly channelNames = input.required<ReadonlyMap<string, string>>();
  readonly create = output();
  readonly edit = output<NotificationRuleResponse>();
  readonly remove = output<NotificationRuleResponse>();
  readonly retry = output();
  readonly pageChange = output<PageEvent>();

  protected eventsText(rule: NotificationRuleResponse): string {
    return rule.events.map((e) => this.i18n.t(`notifications.event.${e}`)).join(', ');
  }

  protected ruleChannels(rule: NotificationRuleResponse): string {
    const names = this.channelNames();
    return rule.channelIds.map((id) => names.get(id) ?? id).join(', ');
  }

  protected labelsText(rule: NotificationRuleResponse): string {
    return rule.labels.map((l) => `${l.key}=${l.value}`).join(', ');
  }
}
