import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { tap } from 'rxjs';
import { BulkApi } from '../../api/bulk.api';
import { CommandsApi } from '../../api/commands.api';
import type { Paged, PublicCommand } from '@opstage/contracts';
import { Query } from '../../api/view-types';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { Selection } from '../../shared/util/selection';
import { BulkFlow } from '../../shared/ui/bulk.service';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { TimeComponent } from '../../shared/ui/time.component';
import {
  Filters,
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { CommandsTableComponent } from './commands-table.component';
import { CommandOperationsService } from './command-operations.service';

const FILTER_KEYS = [
  'q',
  'actionName',
  'status',
  'type',
  'agentId',
  'serviceId',
  'from',
  'to',
] as const;

/** URL `type`: absent → ACTION_EXECUTE (default), `all` → every type. */
export function commandQuery(filters: Filters): Query {
  const type = filters['type'];
  return { ...filters, type: type === 'all' ? undefined : (type ?? 'ACTION_EXECUTE') };
}

@Component({
  selector: 'app-commands-list-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    CommandsTableComponent,
    LiveStatusComponent,
    TimeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commands-list.page.html',
})
export class CommandsListPage {
  private readonly api = inject(CommandsApi);
  private readonly ops = inject(CommandOperationsService);
  private readonly notifier = inject(Notifier);
  private readonly bulkApi = inject(BulkApi);
  private readonly bulk = inject(BulkFlow);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = [
    'AWAITING_APPROVAL',
    'PENDING',
    'RUNNING',
    'SUCCEEDED',
    'FAILED',
    'CANCELLED',
    'EXPIRED',
  ];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<PublicCommand>>();
  protected readonly filters = signal<Filters>({});
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly q = signal('');
  protected readonly actionName = signal('');
  protected readonly selection = new Selection();
  /** `ACTION_EXECUTE` (default), `ACTION_PREPARE` or `all`. */
  protected readonly typeFilter = computed(() => this.filters()['type'] ?? 'ACTION_EXECUTE');
  protected readonly statusFilter = computed(() =>
    (this.filters()['status'] ?? '').split(',').filter((s) => s !== ''),
  );
  protected readonly hasFilters = computed(() =>
    Object.keys(this.filters()).some((k) => k !== 'type'),
  );
  /** Names for the id filters (from the rows, which all match them). */
  protected readonly firstRow = computed(() => this.list.value()?.items[0] ?? null);

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.filters.set(filters);
      this.q.set(filters['q'] ?? '');
      this.actionName.set(filters['actionName'] ?? '');
      this.paging.set(readPaging(map));
      this.selection.clear();
      this.load();
    });
    liveRefresh(['commands'], () => this.load(true));
  }

  load(silent = false): void {
    this.list.load(
      this.api
        .list({ ...commandQuery(this.filters()), ...this.paging() })
        .pipe(tap((page) => this.selection.keep(page.items.map((c) => c.id)))),
      { silent },
    );
  }

  refresh(): void {
    this.load();
  }

  apply(values: Query): void {
    writeQuery(this.router, this.route, values);
  }

  applyText(): void {
    this.apply({ q: this.q().trim(), actionName: this.actionName().trim() });
  }

  setType(type: string): void {
    this.apply({ type: type === 'ACTION_EXECUTE' ? null : type });
  }

  /** Cancels the selected commands: one typed confirmation with the count. */
  cancelSelected(): void {
    const rows = (this.list.value()?.items ?? []).filter((c) => this.selection.has(c.id));
    if (rows.length === 0) return;
    const names = Object.fromEntries(
      rows.map((c) => [c.id, `${c.actionName} · ${c.serviceName ?? c.serviceId}`]),
    );
    this.bulk.runAndThen(
      { title: 'bulk.commands.title', message: 'bulk.commands.message', count: rows.length, names },
      () => this.bulkApi.cancelCommands(rows.map((c) => c.id)),
      () => this.afterBulk(),
    );
  }

  private afterBulk(): void {
    this.selection.clear();
    this.load(true);
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

  cancel(command: PublicCommand): void {
    this.ops
      .cancel(command)
      .subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }

  retry(command: PublicCommand): void {
    this.ops
      .retry(command)
      .subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }
}
