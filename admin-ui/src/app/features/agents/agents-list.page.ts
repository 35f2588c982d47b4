import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { tap } from 'rxjs';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AgentsApi } from '../../api/agents.api';
import { BulkAgentOperation, BulkApi } from '../../api/bulk.api';
import type { AgentResponse, Paged } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { Selection } from '../../shared/util/selection';
import {
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { BulkFlow } from '../../shared/ui/bulk.service';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { SelectAllComponent } from '../../shared/ui/select-all.component';
import { TimeComponent } from '../../shared/ui/time.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { Notifier } from '../../shared/ui/notifier.service';
import {
  AgentCommand,
  AgentOperationsService,
  agentOperations,
  effectiveAgentStatus,
} from './agent-operations.service';

const FILTER_KEYS = ['q', 'status'] as const;

@Component({
  selector: 'app-agents-list-page',
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
    LiveStatusComponent,
    SelectAllComponent,
    TimeComponent,
    ErrorAlertComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agents-list.page.html',
})
export class AgentsListPage {
  private readonly api = inject(AgentsApi);
  private readonly ops = inject(AgentOperationsService);
  private readonly notifier = inject(Notifier);
  private readonly bulkApi = inject(BulkApi);
  private readonly bulk = inject(BulkFlow);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<AgentResponse>>();
  protected readonly q = signal('');
  protected readonly status = signal<string[]>([]);
  protected readonly selection = new Selection();
  protected readonly bulkOperations: BulkAgentOperation[] = ['disable', 'enable', 'revoke'];
  protected readonly rowIds = computed(() => this.list.value()?.items.map((a) => a.id) ?? []);
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly hasFilters = signal(false);
  protected readonly effective = effectiveAgentStatus;
  protected readonly operationsFor = agentOperations;

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.q.set(filters['q'] ?? '');
      this.status.set((filters['status'] ?? '').split(',').filter((v) => v !== ''));
      this.hasFilters.set(Object.keys(filters).length > 0);
      this.paging.set(readPaging(map));
      this.selection.clear();
      this.load();
    });
    liveRefresh(['agents'], () => this.load(true));
  }

  load(silent = false): void {
    const query = {
      ...readQuery(this.route.snapshot.queryParamMap, FILTER_KEYS),
      ...this.paging(),
    };
    this.list.load(
      this.api.list(query).pipe(tap((page) => this.selection.keep(page.items.map((a) => a.id)))),
      { silent },
    );
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  applySearch(): void {
    writeQuery(this.router, this.route, { q: this.q().trim() });
  }

  applyStatus(value: string[]): void {
    writeQuery(this.router, this.route, { status: value.join(',') });
  }

  /** Disable, enable or revoke the selected agents: one typed confirmation with the count. */
  bulkOperate(operation: BulkAgentOperation): void {
    const rows = (this.list.value()?.items ?? []).filter((a) => this.selection.has(a.id));
    if (rows.length === 0) return;
    const names = Object.fromEntries(rows.map((a) => [a.id, a.name || a.code]));
    this.bulk.runAndThen(
      {
        title: `bulk.agents.${operation}.title`,
        message: `bulk.agents.${operation}.message`,
        count: rows.length,
        danger: operation !== 'enable',
        names,
      },
      () =>
        this.bulkApi.agents(
          operation,
          rows.map((a) => a.id),
        ),
      () => {
        this.selection.clear();
        this.load(true);
      },
    );
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

  open(agent: AgentResponse): void {
    void this.router.navigate(['/agents', agent.id]);
  }

  operate(agent: AgentResponse, op: AgentCommand, event: Event): void {
    event.stopPropagation();
    this.ops.run(agent, op).subscribe({
      next: (done) => done && this.load(true),
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }
}
