import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Paged } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import type { Loader } from '../../shared/util/loader';
import { PAGE_SIZE_OPTIONS } from '../../shared/util/url-query';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The frame every notifications tab puts around its table: progress bar, error with retry, the
 * projected table while the page has rows, the paginator, and the empty state (the filtered one
 * when a filter is set). The host is `display: contents` so the tab's flex gaps stay as they were.
 */
@Component({
  selector: 'app-notification-table',
  imports: [MatPaginatorModule, MatProgressBarModule, EmptyStateComponent, ErrorAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @if (loader().loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <app-error-alert [error]="loader().error()" (retry)="retry.emit()" />
    @if (loader().value(); as page) {
      @if (page.items.length) {
        <div class="table-wrap"><ng-content /></div>
        <mat-paginator
          [length]="page.pagination.total"
          [pageIndex]="paging().page - 1"
          [pageSize]="paging().pageSize"
          [pageSizeOptions]="pageSizes"
          (page)="pageChange.emit($event)"
        />
      } @else if (filtered()) {
        <app-empty-state message="empty.filtered" icon="filter_alt_off" />
      } @else {
        <app-empty-state [message]="emptyMessage()" [icon]="emptyIcon()" />
      }
    }
  `,
})
export class NotificationTableComponent<T> {
  readonly loader = input.required<Loader<Paged<T>>>();
  readonly paging = input.required<Paging>();
  readonly emptyMessage = input.required<string>();
  readonly emptyIcon = input.required<string>();
  readonly filtered = input(false);
  readonly retry = output();
  readonly pageChange = output<PageEvent>();
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
}

/** The owner's edit and delete icon buttons of a channel or rule row (`<prefix>-edit`, `<prefix>-delete`). */
@Component({
  selector: 'app-row-edit-delete',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <button
      mat-icon-button
      type="button"
      (click)="edit.emit()"
      [matTooltip]="'common.edit' | t"
      [attr.aria-label]="'common.edit' | t"
      [attr.data-testid]="prefix() + '-edit'"
    >
      <mat-icon>edit</mat-icon>
    </button>
    <button
      mat-icon-button
      type="button"
      class="danger-text"
      (click)="remove.emit()"
      [matTooltip]="'common.delete' | t"
      [attr.aria-label]="'common.delete' | t"
      [attr.data-testid]="prefix() + '-delete'"
    >
      <mat-icon>delete_outline</mat-icon>
    </button>
  `,
})
export class RowEditDeleteComponent {
  readonly prefix = input.required<string>();
  readonly edit = output();
  readonly remove = output();
}
