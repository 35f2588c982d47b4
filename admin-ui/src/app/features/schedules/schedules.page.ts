import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { map, of, switchMap } from 'rxjs';
import type { Paged, ScheduleResponse } from '@opstage/contracts';
import { SchedulesApi } from '../../api/schedules.api';
import { SessionStore } from '../../core/auth/session.store';
import { toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { createLoader } from '../../shared/util/loader';
import { PAGE_SIZE_OPTIONS, readPaging, writeQuery } from '../../shared/util/url-query';
import { timingText } from './schedule-form';
import { ScheduleDialog, type ScheduleDialogData } from './schedule.dialog';
import { ScheduleRunsDialog } from './schedule-runs.dialog';

/** Scheduled actions (docs/schedules.md): list with next and last runs, create/edit, enable/disable, history. */
@Component({
  selector: 'app-schedules-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schedules.page.html',
})
export class SchedulesPage {
  private readonly api = inject(SchedulesApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<ScheduleResponse>>();
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly timingText = timingText;

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      this.paging.set(readPaging(params));
      this.load();
    });
  }

  load(silent = false): void {
    this.list.load(this.api.list(this.paging()), { silent });
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  onPage(event: PageEvent): void {
    writeQuery(
      this.router,
      this.route,
      { page: event.pageIndex + 1, pageSize: event.pageSize },
      false,
    );
  }

  edit(schedule?: ScheduleResponse): void {
    this.dialog
      .open<ScheduleDialog, ScheduleDialogData, ScheduleResponse>(ScheduleDialog, {
        width: '640px',
        data: schedule ? { schedule } : {},
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success(schedule ? 'schedules.saved' : 'schedules.created');
          this.load(true);
        }
      });
  }

  history(schedule: ScheduleResponse): void {
    this.dialog.open(ScheduleRunsDialog, { width: '880px', data: schedule });
  }

  /** A dangerous action asks again on re-enable (409 ACTION_REQUIRES_CONFIRMATION): confirm, then retry. */
  toggle(schedule: ScheduleResponse, enabled: boolean, confirm = false): void {
    this.api.update(schedule.id, confirm ? { enabled, confirm: true } : { enabled }).subscribe({
      next: () => {
        this.notifier.success(enabled ? 'schedules.enabledNow' : 'schedules.disabledNow', {
          name: schedule.name,
        });
        this.load(true);
      },
      error: (err: unknown) => {
        if (!confirm && toApiError(err).code === 'ACTION_REQUIRES_CONFIRMATION') {
          this.confirm
            .ask({
              title: 'schedules.confirmEnable.title',
              message: 'schedules.confirmEnable.message',
              params: { name: schedule.name, action: schedule.actionName },
              confirmLabel: 'schedules.enable',
              danger: true,
            })
            .subscribe((ok) => (ok ? this.toggle(schedule, enabled, true) : this.load(true)));
          return;
        }
        this.notifier.apiError(err);
        this.load(true);
      },
    });
  }

  remove(schedule: ScheduleResponse): void {
    this.confirm
      .ask({
        title: 'schedules.confirmDelete.title',
        message: 'schedules.confirmDelete.message',
        params: { name: schedule.name },
        confirmLabel: 'common.delete',
        danger: true,
      })
      .pipe(
        switchMap((ok) => (ok ? this.api.remove(schedule.id).pipe(map(() => true)) : of(false))),
      )
      .subscribe({
        next: (done) => {
          if (done) {
            this.notifier.success('schedules.deleted', { name: schedule.name });
            this.load(true);
          }
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }
}
