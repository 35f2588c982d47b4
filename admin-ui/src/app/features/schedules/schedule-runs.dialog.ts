import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Paged, ScheduleResponse, ScheduleRunResponse } from '@opstage/contracts';
import { SchedulesApi } from '../../api/schedules.api';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { createLoader } from '../../shared/util/loader';
import { timingText } from './schedule-form';

/** A schedule's next runs and its run history, newest first, each started run linking to its command. */
@Component({
  selector: 'app-schedule-runs-dialog',
  imports: [
    RouterLink,
    MatDialogModule,
    MatButtonModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'schedules.history' | t }}: {{ schedule.name }}</h2>
    <mat-dialog-content>
      <p class="muted">
        {{ schedule.serviceName ?? schedule.serviceId }} · {{ schedule.actionName }} ·
        {{ timing }}
      </p>
      <h3 class="sub-heading">{{ 'schedules.nextRuns' | t }}</h3>
      @if (schedule.nextRuns.length) {
        <ul data-testid="schedule-next-runs">
          @for (at of schedule.nextRuns; track at) {
            <li>{{ at | dt }}</li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'schedules.noNextRuns' | t }}</p>
      }
      <h3 class="sub-heading">{{ 'schedules.runs' | t }}</h3>
      @if (runs.loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <app-error-alert [error]="runs.error()" (retry)="load()" />
      @if (runs.value(); as page) {
        @if (page.items.length) {
          <table class="data-table" data-testid="schedule-runs-table">
            <thead>
              <tr>
                <th>{{ 'schedules.plannedAt' | t }}</th>
                <th>{{ 'schedules.outcome' | t }}</th>
                <th>{{ 'schedules.command' | t }}</th>
                <th>{{ 'common.status' | t }}</th>
                <th>{{ 'schedules.error' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of page.items; track r.id) {
                <tr [attr.data-testid]="'schedule-run-' + r.outcome">
                  <td>{{ r.plannedAt | dt }}</td>
                  <td><app-status-tag [value]="r.outcome.toUpperCase()" /></td>
                  <td>
                    @if (r.commandId) {
                      <a
                        class="mono"
                        [routerLink]="['/commands', r.commandId]"
                        mat-dialog-close
                        data-testid="schedule-run-command"
                        >{{ r.commandId }}</a
                      >
                    }
                  </td>
                  <td><app-status-tag [value]="r.commandStatus" /></td>
                  <td>{{ r.error ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
          <mat-paginator
            [length]="page.pagination.total"
            [pageIndex]="paging().page - 1"
            [pageSize]="paging().pageSize"
            (page)="onPage($event)"
          />
        } @else {
          <app-empty-state message="schedules.noRuns" icon="history" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="load()" data-testid="schedule-runs-refresh">
        {{ 'common.refresh' | t }}
      </button>
      <button mat-button type="button" mat-dialog-close>{{ 'common.close' | t }}</button>
    </mat-dialog-actions>
  `,
})
export class ScheduleRunsDialog {
  private readonly api = inject(SchedulesApi);
  protected readonly schedule = inject<ScheduleResponse>(MAT_DIALOG_DATA);
  protected readonly timing = timingText(this.schedule);
  protected readonly runs = createLoader<Paged<ScheduleRunResponse>>();
  protected readonly paging = signal({ page: 1, pageSize: 20 });

  constructor() {
    this.load();
  }

  load(): void {
    this.runs.load(this.api.runs(this.schedule.id, this.paging()));
  }

  onPage(event: PageEvent): void {
    this.paging.set({ page: event.pageIndex + 1, pageSize: event.pageSize });
    this.load();
  }
}
