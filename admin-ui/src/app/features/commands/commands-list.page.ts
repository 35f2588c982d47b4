import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CommandsApi } from '../../api/commands.api';
import { Page, Query } from '../../api/models/common';
import { Command } from '../../api/models/domain';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { autoRefresh } from '../../core/util/auto-refresh';
import { createLoader } from '../../shared/util/loader';
import { Filters, PAGE_SIZE_OPTIONS, clearQuery, readPaging, readQuery, writeQuery } from '../../shared/util/url-query';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { CommandsTableComponent } from './commands-table.component';
import { CommandOperationsService } from './command-operations.service';

const FILTER_KEYS = ['actionName', 'status', 'type', 'agentId', 'serviceId'] as const;

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
    MatSlideToggleModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    CommandsTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commands-list.page.html',
})
export class CommandsListPage {
  private readonly api = inject(CommandsApi);
  private readonly ops = inject(CommandOperationsService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Page<Command>>();
  protected readonly filters = signal<Filters>({});
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly actionName = signal('');
  protected readonly agentId = signal('');
  protected readonly serviceId = signal('');
  protected readonly allTypes = computed(() => this.filters()['type'] === 'all');
  protected readonly hasFilters = computed(() => Object.keys(this.filters()).some((k) => k !== 'type'));

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.filters.set(filters);
      this.actionName.set(filters['actionName'] ?? '');
      this.agentId.set(filters['agentId'] ?? '');
      this.serviceId.set(filters['serviceId'] ?? '');
      this.paging.set(readPaging(map));
      this.load();
    });
    autoRefresh(() => this.load(true), 5000);
  }

  load(silent = false): void {
    this.list.load(this.api.list({ ...commandQuery(this.filters()), ...this.paging() }), { silent });
  }

  refresh(): void {
    this.load();
  }

  apply(values: Query): void {
    writeQuery(this.router, this.route, values);
  }

  applyText(): void {
    this.apply({ actionName: this.actionName().trim(), agentId: this.agentId().trim(), serviceId: this.serviceId().trim() });
  }

  toggleAllTypes(all: boolean): void {
    this.apply({ type: all ? 'all' : null });
  }

  reset(): void {
    clearQuery(this.router, this.route);
  }

  onPage(event: PageEvent): void {
    writeQuery(this.router, this.route, { page: event.pageIndex + 1, pageSize: event.pageSize }, false);
  }

  cancel(command: Command): void {
    this.ops.cancel(command).subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }

  retry(command: Command): void {
    this.ops.retry(command).subscribe({ next: () => this.load(true), error: (e: unknown) => this.notifier.apiError(e) });
  }
}
