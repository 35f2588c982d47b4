import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AgentsApi } from '../../api/agents.api';
import { Page } from '../../api/models/common';
import { Agent } from '../../api/models/domain';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { PAGE_SIZE_OPTIONS, clearQuery, readPaging, readQuery, writeQuery } from '../../shared/util/url-query';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { AgentCommand, AgentOperationsService, agentOperations, effectiveAgentStatus } from './agent-operations.service';

const FILTER_KEYS = ['q', 'status'] as const;

@Component({
  selector: 'app-agents-list-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    StatusTagComponent,
    ShortIdComponent,
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
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Page<Agent>>();
  protected readonly q = signal('');
  protected readonly status = signal('');
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly hasFilters = signal(false);
  protected readonly effective = effectiveAgentStatus;
  protected readonly operationsFor = agentOperations;

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.q.set(filters['q'] ?? '');
      this.status.set(filters['status'] ?? '');
      this.hasFilters.set(Object.keys(filters).length > 0);
      this.paging.set(readPaging(map));
      this.load();
    });
  }

  load(silent = false): void {
    const query = { ...readQuery(this.route.snapshot.queryParamMap, FILTER_KEYS), ...this.paging() };
    this.list.load(this.api.list(query), { silent });
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  applySearch(): void {
    writeQuery(this.router, this.route, { q: this.q().trim() });
  }

  applyStatus(value: string): void {
    writeQuery(this.router, this.route, { status: value });
  }

  reset(): void {
    clearQuery(this.router, this.route);
  }

  onPage(event: PageEvent): void {
    writeQuery(this.router, this.route, { page: event.pageIndex + 1, pageSize: event.pageSize }, false);
  }

  open(agent: Agent): void {
    void this.router.navigate(['/agents', agent.id]);
  }

  operate(agent: Agent, op: AgentCommand, event: Event): void {
    event.stopPropagation();
    this.ops.run(agent, op).subscribe({
      next: (done) => done && this.load(true),
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }
}
