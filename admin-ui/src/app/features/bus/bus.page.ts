import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Observable, filter, of, switchMap } from 'rxjs';
import { BusApi, BusList } from '../../api/bus.api';
import type {
  BusRouteStatus,
  PublicAuditEvent,
  PublicBusEvent,
  PublicBusRoute,
} from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { toApiError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import {
  DEFAULT_PAGE_SIZE,
  Filters,
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { Notifier, describeError } from '../../shared/ui/notifier.service';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { AuditTableComponent } from '../audit/audit-table.component';
import { BUS_ROUTE_STATUSES, statusChangeInput } from './bus-route-form';
import { BusRouteDialog } from './bus-route.dialog';

export const BUS_TABS = ['routes', 'events', 'audit'] as const;
export type BusTab = (typeof BUS_TABS)[number];
const EVENT_FILTERS = ['eventType', 'serviceCode', 'agentId'] as const;

interface Paging {
  page: number;
  pageSize: number;
}

/** One-line JSON preview for table cells. */
export function previewJson(value: unknown, max = 120): string {
  const text = JSON.stringify(value ?? {}) ?? '';
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * Capsule Bus (v0.4 experimental, only routed when the flag is on): routes with create/edit,
 * status switch and delete (operator+), the stored events (filters in the URL) and bus audit.
 */
@Component({
  selector: 'app-bus-page',
  imports: [
    LiveStatusComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTabsModule,
    MatTooltipModule,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    JsonBlockComponent,
    ShortIdComponent,
    StatusTagComponent,
    AuditTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './bus.page.html',
  styleUrl: './bus.page.css',
})
export class BusPage {
  private readonly api = inject(BusApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly activatedRoute = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = BUS_ROUTE_STATUSES;
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly routes = createLoader<BusList<PublicBusRoute>>();
  protected readonly events = createLoader<BusList<PublicBusEvent>>();
  protected readonly audit = createLoader<BusList<PublicAuditEvent>>();
  protected readonly routesPaging = signal<Paging>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  protected readonly eventsPaging = signal<Paging>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  protected readonly auditPaging = signal<Paging>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });

  protected readonly tabIndex = signal(0);
  protected readonly filters = signal<Filters>({});
  protected readonly filterText = signal<Record<(typeof EVENT_FILTERS)[number], string>>({
    eventType: '',
    serviceCode: '',
    agentId: '',
  });
  protected readonly agentIdInvalid = computed(() => {
    const agentId = this.filterText().agentId.trim();
    return agentId !== '' && !agentId.startsWith('agt_');
  });
  protected readonly hasFilters = computed(() => Object.keys(this.filters()).length > 0);
  /** Route ids with a status change in flight. */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly expandedEvent = signal<string | null>(null);

  /** The server's marker (`v0.4-experimental`), from whichever list answered. */
  protected readonly marker = computed(
    () =>
      this.routes.value()?.experimental ??
      this.events.value()?.experimental ??
      this.audit.value()?.experimental ??
      null,
  );
  /** The flag was switched off after the menu probe (server restarted): explain and lock mutations. */
  protected readonly busDisabled = computed(() =>
    [this.routes, this.events, this.audit].some(
      (loader) => loader.error()?.code === 'CAPSULE_BUS_DISABLED',
    ),
  );
  protected readonly canMutate = computed(() => this.session.canOperate() && !this.busDisabled());

  constructor() {
    this.activatedRoute.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const tab = BUS_TABS.indexOf((map.get('tab') ?? 'routes') as BusTab);
      this.tabIndex.set(tab < 0 ? 0 : tab);
      const filters = readQuery(map, EVENT_FILTERS);
      const first = this.events.value() === undefined && !this.events.loading();
      if (first || JSON.stringify(filters) !== JSON.stringify(this.filters())) {
        this.filters.set(filters);
        this.filterText.set({
          eventType: filters['eventType'] ?? '',
          serviceCode: filters['serviceCode'] ?? '',
          agentId: filters['agentId'] ?? '',
        });
        this.eventsPaging.update((p) => ({ ...p, page: 1 }));
        this.loadEvents();
      }
    });
    this.loadRoutes();
    this.loadAudit();
    liveRefresh(['bus'], () => this.refresh(true));
  }

  refresh(silent = false): void {
    this.loadRoutes(silent);
    this.loadEvents(silent);
    this.loadAudit(silent);
  }

  private loadRoutes(silent = false): void {
    this.routes.load(this.api.routes({ ...this.routesPaging() }), { silent });
  }

  private loadEvents(silent = false): void {
    this.events.load(this.api.events({ ...this.filters(), ...this.eventsPaging() }), { silent });
  }

  private loadAudit(silent = false): void {
    this.audit.load(this.api.audit({ ...this.auditPaging() }), { silent });
  }

  onTab(index: number): void {
    this.tabIndex.set(index);
    writeQuery(
      this.router,
      this.activatedRoute,
      { tab: index === 0 ? null : BUS_TABS[index] },
      false,
    );
  }

  onRoutesPage(e: PageEvent): void {
    this.routesPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadRoutes();
  }

  onEventsPage(e: PageEvent): void {
    this.eventsPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadEvents();
  }

  onAuditPage(e: PageEvent): void {
    this.auditPaging.set({ page: e.pageIndex + 1, pageSize: e.pageSize });
    this.loadAudit();
  }

  setFilterText(key: (typeof EVENT_FILTERS)[number], value: string): void {
    this.filterText.update((t) => ({ ...t, [key]: value }));
  }

  applyFilters(): void {
    if (this.agentIdInvalid()) {
      return;
    }
    const text = this.filterText();
    writeQuery(this.router, this.activatedRoute, {
      eventType: text.eventType.trim(),
      serviceCode: text.serviceCode.trim(),
      agentId: text.agentId.trim(),
    });
  }

  resetFilters(): void {
    const tab = BUS_TABS[this.tabIndex()];
    clearQuery(this.router, this.activatedRoute, { tab: tab === 'routes' ? null : tab });
  }

  /** Shows only the events of this type (from a table cell). */
  filterByEventType(eventType: string): void {
    writeQuery(this.router, this.activatedRoute, { eventType, tab: 'events' });
  }

  toggleEvent(id: string): void {
    this.expandedEvent.update((current) => (current === id ? null : id));
  }

  edit(route: PublicBusRoute | null): void {
    this.dialog
      .open<BusRouteDialog, PublicBusRoute | null, PublicBusRoute>(BusRouteDialog, {
        data: route,
        width: '760px',
        maxWidth: '94vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success('bus.saved');
          this.loadRoutes(true);
          this.loadAudit(true);
        }
      });
  }

  /** PUT with the route as it is and another status (mapping and metadata are left out, so kept). */
  setStatus(route: PublicBusRoute, status: BusRouteStatus): void {
    if (route.status === status || this.pending().has(route.id)) {
      return;
    }
    const ask: Observable<boolean> =
      status === 'ENABLED'
        ? this.confirm.ask({
            title: 'bus.confirmEnable.title',
            message: 'bus.confirmEnable.message',
            params: { name: route.name },
            confirmLabel: 'bus.enable',
          })
        : of(true);
    ask
      .pipe(
        filter((ok) => ok),
        switchMap(() => {
          this.pending.update((s) => new Set([...s, route.id]));
          return this.api.updateRoute(route.id, statusChangeInput(route, status));
        }),
      )
      .subscribe({
        next: () => {
          this.donePending(route.id);
          this.notifier.success('bus.statusChanged', {
            name: route.name,
            status: this.i18n.tOr(`status.${status}`, status),
          });
          this.loadRoutes(true);
          this.loadAudit(true);
        },
        error: (err: unknown) => {
          this.donePending(route.id);
          this.notifier.error(this.describeSaveError(err));
          this.loadRoutes(true);
        },
      });
  }

  private donePending(id: string): void {
    this.pending.update((s) => new Set([...s].filter((x) => x !== id)));
  }

  /** The translated error, plus the refused target's reasons (422 BUS_ROUTE_TARGET_INVALID). */
  private describeSaveError(err: unknown): string {
    const apiError = toApiError(err);
    const base = describeError(this.i18n, apiError);
    const details = apiError.details as { reasons?: unknown } | undefined;
    const reasons = Array.isArray(details?.reasons)
      ? details.reasons.filter((r): r is string => typeof r === 'string')
      : [];
    return reasons.length
      ? `${base} ${reasons.map((r) => this.i18n.tOr(`bus.reason.${r}`, r)).join('; ')}`
      : base;
  }

  remove(route: PublicBusRoute): void {
    this.confirm
      .ask({
        title: 'bus.confirmDelete.title',
        message: 'bus.confirmDelete.message',
        params: { name: route.name },
        danger: true,
        confirmLabel: 'common.delete',
      })
      .pipe(
        filter((ok) => ok),
        switchMap(() => this.api.deleteRoute(route.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.success('bus.deleted', { name: route.name });
          const list = this.routes.value();
          // Deleting the last row of a later page goes back one page.
          if (list && list.items.length === 1 && this.routesPaging().page > 1) {
            this.routesPaging.update((p) => ({ ...p, page: p.page - 1 }));
          }
          this.loadRoutes(true);
          this.loadAudit(true);
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }

  protected mappingSummary(route: PublicBusRoute): string {
    const mapping = route.inputMapping ?? {};
    const keys = Object.keys(mapping);
    if (!keys.length) {
      return '';
    }
    return keys
      .map(
        (k) => `${k} ← ${typeof mapping[k] === 'string' ? mapping[k] : JSON.stringify(mapping[k])}`,
      )
      .join(', ');
  }

  protected preview(value: unknown): string {
    return previewJson(value);
  }
}
