import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { HealthPoint, HealthReportResponse, Paged } from '@opstage/contracts';
import { JsonObject, isJsonObject } from '../../api/view-types';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { NowService } from '../../core/time/now.service';
import { createLoader } from '../../shared/util/loader';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { HealthTimelineComponent } from '../../shared/ui/health-timeline.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { TimeComponent } from '../../shared/ui/time.component';

/** The Health tab's timeline covers the last day; the history below pages through what is kept. */
const TIMELINE_MS = 24 * 3_600_000;
const TIMELINE_ROWS = 100;

/** History rows (newest first) → timeline points (oldest first): each row's status began at its createdAt. */
export function pointsFromHistory(
  rows: readonly Pick<HealthReportResponse, 'status' | 'createdAt'>[],
): HealthPoint[] {
  return rows.map((r) => ({ status: r.status, at: r.createdAt })).reverse();
}

/** Latest health report with its timeline and history, plus "Account Status" when `details.accounts[]` exists
 * (sdk/README.md, "Result helpers"). */
@Component({
  selector: 'app-service-health',
  imports: [
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    DurationPipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    HealthTimelineComponent,
    JsonBlockComponent,
    StatusTagComponent,
    TimeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="timeline-box">
      <h2 class="sub-heading">{{ 'health.timeline' | t }}</h2>
      @if (timeline.value(); as rows) {
        <app-health-timeline [points]="points()" [since]="since()" [until]="until()" />
      } @else if (timeline.loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <app-error-alert [error]="timeline.error()" (retry)="reload()" />
    </section>
    @if (health(); as h) {
      <table class="kv">
        <tr>
          <th>{{ 'common.status' | t }}</th>
          <td><app-status-tag [value]="h.status" data-testid="health-status" /></td>
        </tr>
        <tr>
          <th>{{ 'health.message' | t }}</th>
          <td>{{ h.message || '-' }}</td>
        </tr>
        <tr>
          <th>{{ 'health.reportedAt' | t }}</th>
          <td><app-time [value]="h.reportedAt" /></td>
        </tr>
      </table>
      @if (accounts().length) {
        <h2 class="sub-heading">{{ 'health.accounts' | t }}</h2>
        <div class="table-wrap">
          <table class="data-table cards" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{{ 'common.id' | t }}</th>
                <th scope="col">{{ 'health.account' | t }}</th>
                <th scope="col">{{ 'health.enabled' | t }}</th>
                <th scope="col">{{ 'health.healthy' | t }}</th>
                <th scope="col">{{ 'health.operation' | t }}</th>
                <th scope="col">{{ 'health.cooldown' | t }}</th>
                <th scope="col">{{ 'health.failures' | t }}</th>
                <th scope="col">{{ 'health.lastError' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (a of accounts(); track $index) {
                <tr>
                  <td class="mono" [attr.data-label]="'common.id' | t">{{ a['id'] ?? '-' }}</td>
                  <td [attr.data-label]="'health.account' | t">
                    {{ a['label'] ?? a['emailMasked'] ?? '-' }}
                  </td>
                  <td [attr.data-label]="'health.enabled' | t">
                    <app-status-tag [value]="a['enabled'] === true ? 'YES' : 'NO'" />
                  </td>
                  <td [attr.data-label]="'health.healthy' | t">
                    <app-status-tag [value]="a['healthy'] === true ? 'HEALTHY' : 'UNHEALTHY'" />
                  </td>
                  <td [attr.data-label]="'health.operation' | t">
                    @if (a['operationStatus']) {
                      <app-status-tag [value]="str(a['operationStatus'])" />
                      {{ a['operationName'] ?? '' }}
                    } @else {
                      -
                    }
                  </td>
                  <td [attr.data-label]="'health.cooldown' | t">
                    {{ num(a['cooldownRemainingMs']) | duration }}
                  </td>
                  <td [attr.data-label]="'health.failures' | t">
                    {{ a['consecutiveFailures'] ?? 0 }}
                  </td>
                  <td class="wrap" [attr.data-label]="'health.lastError' | t">
                    {{ a['lastError'] ?? '' }}
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      <h2 class="sub-heading">{{ 'health.details' | t }}</h2>
      <app-json-block [value]="h.details" testId="health-details" />
    } @else {
      <app-empty-state message="services.noHealth" icon="monitor_heart" />
    }
    <h2 class="sub-heading">{{ 'health.history' | t }}</h2>
    @if (history.value(); as page) {
      @if (page.items.length) {
        <div class="table-wrap">
          <table class="data-table cards" data-testid="health-history">
            <thead>
              <tr>
                <th scope="col">{{ 'common.status' | t }}</th>
                <th scope="col">{{ 'health.message' | t }}</th>
                <th scope="col">{{ 'health.since' | t }}</th>
                <th scope="col">{{ 'health.lastSeen' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of page.items; track r.id) {
                <tr>
                  <td [attr.data-label]="'common.status' | t">
                    <app-status-tag [value]="r.status" />
                  </td>
                  <td class="wrap" [attr.data-label]="'health.message' | t">
                    {{ r.message || '-' }}
                  </td>
                  <td [attr.data-label]="'health.since' | t">
                    <app-time [value]="r.createdAt" mode="absolute" />
                  </td>
                  <td [attr.data-label]="'health.lastSeen' | t">
                    <app-time [value]="r.reportedAt" />
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <mat-paginator
          [length]="page.pagination.total"
          [pageIndex]="page.pagination.page - 1"
          [pageSize]="page.pagination.pageSize"
          [hidePageSize]="true"
          (page)="onPage($event)"
        />
      } @else {
        <p class="muted">{{ 'services.noHealth' | t }}</p>
      }
    }
  `,
  styles: `
    h2.sub-heading {
      font-size: 13px;
      font-weight: 500;
      margin: 12px 0 6px;
    }
    .timeline-box {
      margin-bottom: 12px;
    }
  `,
})
export class ServiceHealthComponent {
  private readonly api = inject(CapsuleServicesApi);
  private readonly clock = inject(NowService);
  readonly serviceId = input.required<string>();
  readonly health = input.required<HealthReportResponse | null>();
  protected readonly timeline = createLoader<Paged<HealthReportResponse>>();
  protected readonly history = createLoader<Paged<HealthReportResponse>>();
  private readonly page = signal(1);
  protected readonly until = computed(() =>
    new Date(Math.max(this.clock.now(), this.timeline.loadedAt() ?? 0)).toISOString(),
  );
  protected readonly since = computed(() =>
    new Date(Date.parse(this.until()) - TIMELINE_MS).toISOString(),
  );
  protected readonly points = computed(() => pointsFromHistory(this.timeline.value()?.items ?? []));
  protected readonly accounts = computed<JsonObject[]>(() => {
    const accounts = this.health()?.details?.['accounts'];
    return Array.isArray(accounts) ? accounts.filter(isJsonObject) : [];
  });

  constructor() {
    effect(() => {
      this.serviceId();
      untracked(() => this.reload());
    });
    liveRefresh(['services'], () => this.reload(true), { ids: () => [this.serviceId()] });
  }

  reload(silent = false): void {
    const id = this.serviceId();
    this.timeline.load(this.api.healthHistory(id, { page: 1, pageSize: TIMELINE_ROWS }), {
      silent,
    });
    this.history.load(this.api.healthHistory(id, { page: this.page(), pageSize: 20 }), { silent });
  }

  onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.history.load(
      this.api.healthHistory(this.serviceId(), { page: this.page(), pageSize: 20 }),
      { silent: true },
    );
  }

  str(value: unknown): string {
    return typeof value === 'string' ? value : String(value ?? '');
  }

  num(value: unknown): number | null {
    return typeof value === 'number' ? value : null;
  }
}
