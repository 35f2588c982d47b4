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
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import { Page } from '../../api/models/common';
import { CapsuleService } from '../../api/models/domain';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { Filters, PAGE_SIZE_OPTIONS, clearQuery, readPaging, readQuery, writeQuery } from '../../shared/util/url-query';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { Notifier } from '../../shared/ui/notifier.service';

const FILTER_KEYS = ['q', 'status', 'healthStatus', 'agentId'] as const;

@Component({
  selector: 'app-services-list-page',
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
  templateUrl: './services-list.page.html',
})
export class ServicesListPage {
  private readonly api = inject(CapsuleServicesApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly statuses = ['HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE', 'UNKNOWN'];
  protected readonly healthStatuses = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Page<CapsuleService>>();
  protected readonly q = signal('');
  protected readonly agentId = signal('');
  protected readonly filters = signal<Filters>({});
  protected readonly paging = signal({ page: 1, pageSize: 20 });

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.filters.set(filters);
      this.q.set(filters['q'] ?? '');
      this.agentId.set(filters['agentId'] ?? '');
      this.paging.set(readPaging(map));
      this.load();
    });
  }

  load(silent = false): void {
    this.list.load(this.api.list({ ...this.filters(), ...this.paging() }), { silent });
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  apply(values: Record<string, string>): void {
    writeQuery(this.router, this.route, values);
  }

  applyText(): void {
    this.apply({ q: this.q().trim(), agentId: this.agentId().trim() });
  }

  reset(): void {
    clearQuery(this.router, this.route);
  }

  onPage(event: PageEvent): void {
    writeQuery(this.router, this.route, { page: event.pageIndex + 1, pageSize: event.pageSize }, false);
  }

  open(service: CapsuleService): void {
    void this.router.navigate(['/services', service.id]);
  }

  hasFilters(): boolean {
    return Object.keys(this.filters()).length > 0;
  }
}
