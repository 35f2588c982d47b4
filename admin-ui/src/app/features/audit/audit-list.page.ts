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
import { AuditApi, ExportFormat } from '../../api/audit.api';
import type { Paged, PublicAuditEvent } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { fileNameFrom, saveBlob } from '../../core/util/download';
import { createLoader } from '../../shared/util/loader';
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
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { AuditTableComponent } from './audit-table.component';

const FILTER_KEYS = [
  'q',
  'action',
  'actorType',
  'result',
  'targetType',
  'targetId',
  'from',
  'to',
] as const;
const TEXT_KEYS = ['q', 'action', 'targetType', 'targetId'] as const;

/** `datetime-local` value (local time) → ISO-8601 UTC; empty stays empty. */
export function localToIso(value: string): string {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** ISO-8601 → `datetime-local` value in local time. */
export function isoToLocal(value: string | undefined): string {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

@Component({
  selector: 'app-audit-list-page',
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
    AuditTableComponent,
    LiveStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-list.page.html',
})
export class AuditListPage {
  private readonly api = inject(AuditApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<PublicAuditEvent>>();
  protected readonly filters = signal<Filters>({});
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  protected readonly text = signal<Filters>({});
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly exporting = signal<ExportFormat | null>(null);
  protected readonly hasFilters = computed(() => Object.keys(this.filters()).length > 0);

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.filters.set(filters);
      this.text.set(Object.fromEntries(TEXT_KEYS.map((k) => [k, filters[k] ?? ''])));
      this.from.set(isoToLocal(filters['from']));
      this.to.set(isoToLocal(filters['to']));
      this.paging.set(readPaging(map));
      this.load();
    });
    liveRefresh(['audit'], () => this.load(true));
  }

  load(silent = false): void {
    this.list.load(this.api.list({ ...this.filters(), ...this.paging() }), { silent });
  }

  setText(key: string, value: string): void {
    this.text.update((t) => ({ ...t, [key]: value }));
  }

  apply(values: Record<string, string>): void {
    writeQuery(this.router, this.route, values);
  }

  applyText(): void {
    const text = this.text();
    this.apply({
      q: (text['q'] ?? '').trim(),
      action: (text['action'] ?? '').trim(),
      targetType: (text['targetType'] ?? '').trim(),
      targetId: (text['targetId'] ?? '').trim(),
      from: localToIso(this.from()),
      to: localToIso(this.to()),
    });
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

  export(format: ExportFormat): void {
    this.exporting.set(format);
    this.api.export(format, this.filters()).subscribe({
      next: (res) => {
        this.exporting.set(null);
        if (res.body) {
          saveBlob(res.body, fileNameFrom(res, `audit-events.${format}`));
          this.notifier.success('audit.exported');
        }
      },
      error: (err: unknown) => {
        this.exporting.set(null);
        this.notifier.apiError(err);
      },
    });
  }
}
