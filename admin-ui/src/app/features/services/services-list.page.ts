import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { catchError, of, tap } from 'rxjs';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type {
  CapsuleServiceResponse,
  HealthTimelines,
  Paged,
  ServiceLabel,
} from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh, watchServices } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { Selection } from '../../shared/util/selection';
import {
  Filters,
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { HealthTimelineComponent } from '../../shared/ui/health-timeline.component';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { SelectAllComponent } from '../../shared/ui/select-all.component';
import { TimeComponent } from '../../shared/ui/time.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { BulkActionDialog, BulkActionDialogData } from './bulk-action.dialog';

const FILTER_KEYS = ['q', 'status', 'healthStatus', 'agentId', 'label'] as const;
/** The services list's timelines cover the last day. */
export const TIMELINE_HOURS = 24;

const EMPTY_TIMELINES: HealthTimelines = { since: '', until: '', services: {} };

/** `a,b` ⇄ `['a','b']` for multi-value filters kept as one URL parameter. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((v) => v !== '');
}

@Component({
  selector: 'app-services-list-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    StatusTagComponent,
    ErrorAlertComponent,
    EmptyStateComponent,
    HealthTimelineComponent,
    LiveStatusComponent,
    SelectAllComponent,
    TimeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './services-list.page.html',
})
export class ServicesListPage {
  private readonly api = inject(CapsuleServicesApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = ['HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE', 'UNKNOWN'];
  protected readonly healthStatuses = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<CapsuleServiceResponse>>();
  protected readonly timelines = createLoader<HealthTimelines>();
  protected readonly labels = signal<ServiceLabel[]>([]);
  protected readonly q = signal('');
  protected readonly filters = signal<Filters>({});
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly selection = new Selection();
  protected readonly statusFilter = computed(() => splitList(this.filters()['status']));
  protected readonly labelFilter = computed(() => splitList(this.filters()['label']));
  protected readonly rowIds = computed(() => this.list.value()?.items.map((s) => s.id) ?? []);
  /** The agent named by the `agentId` filter, from the rows (they all belong to it). */
  protected readonly agentFilterName = computed(() => {
    const first = this.list.value()?.items[0];
    return first?.agentName || first?.agentCode || this.filters()['agentId'];
  });

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const filters = readQuery(params, FILTER_KEYS);
      this.filters.set(filters);
      this.q.set(filters['q'] ?? '');
      this.paging.set(readPaging(params));
      this.selection.clear();
      this.load();
    });
    this.api
      .labels()
      .subscribe({ next: (l) => this.labels.set(l), error: () => this.labels.set([]) });
    liveRefresh(['services'], () => this.load(true));
    watchServices(() => this.rowIds());
  }

  load(silent = false): void {
    this.list.load(
      this.api
        .list({ ...this.filters(), ...this.paging() })
        .pipe(tap((page) => this.afterPage(page))),
      { silent },
    );
  }

  /** Timelines of the rows on screen: one batched request once the page is there. */
  private afterPage(page: Paged<CapsuleServiceResponse>): void {
    const ids = page.items.map((s) => s.id);
    this.selection.keep(ids);
    if (ids.length === 0) return;
    this.timelines.load(
      this.api.timelines(ids, TIMELINE_HOURS).pipe(catchError(() => of(EMPTY_TIMELINES))),
      { silent: true },
    );
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  apply(values: Record<string, string | null>): void {
    writeQuery(this.router, this.route, values);
  }

  applyText(): void {
    this.apply({ q: this.q().trim() });
  }

  reset(): void {
    clearQuery(this.router, this.route);
  }

  onPage(event: PageEvent): void {
    writeQuery(
      this.router,
      this.route,
      { page: event.pageIndex + 1, pageSize: event.pageSize },
      false,
    );
  }

  open(service: CapsuleServiceResponse): void {
    void this.router.navigate(['/services', service.id]);
  }

  hasFilters(): boolean {
    return Object.keys(this.filters()).length > 0;
  }

  runOnSelected(): void {
    const rows = (this.list.value()?.items ?? []).filter((s) => this.selection.has(s.id));
    if (rows.length === 0) return;
    this.dialog
      .open<BulkActionDialog, BulkActionDialogData, boolean>(BulkActionDialog, {
        data: { services: rows.map((s) => ({ id: s.id, name: s.name })) },
        width: '760px',
        maxWidth: '96vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((ran) => {
        if (ran) this.selection.clear();
      });
  }
}
