import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTabsModule } from '@angular/material/tabs';
import { map, of, switchMap } from 'rxjs';
import { BusApi } from '../../api/bus.api';
import { Page } from '../../api/models/common';
import { AuditEvent, BusEvent, BusRoute } from '../../api/models/domain';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { autoRefresh } from '../../core/util/auto-refresh';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { AuditTableComponent } from '../audit/audit-table.component';
import { BusRouteDialog } from './bus-route.dialog';

@Component({
  selector: 'app-bus-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatTabsModule,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    ShortIdComponent,
    StatusTagComponent,
    AuditTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './bus.page.html',
})
export class BusPage {
  private readonly api = inject(BusApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  protected readonly routes = createLoader<BusRoute[]>();
  protected readonly events = createLoader<Page<BusEvent>>();
  protected readonly audit = createLoader<Page<AuditEvent>>();
  protected readonly eventsPage = signal(0);
  protected readonly auditPage = signal(0);

  constructor() {
    this.refresh();
    autoRefresh(() => this.refresh(true), 5000);
  }

  refresh(silent = false): void {
    this.routes.load(this.api.routes(), { silent });
    this.events.load(this.api.events({ page: this.eventsPage() + 1, pageSize: 20 }), { silent });
    this.audit.load(this.api.audit({ page: this.auditPage() + 1, pageSize: 20 }), { silent });
  }

  onEventsPage(e: PageEvent): void {
    this.eventsPage.set(e.pageIndex);
    this.refresh(true);
  }

  onAuditPage(e: PageEvent): void {
    this.auditPage.set(e.pageIndex);
    this.refresh(true);
  }

  edit(route: BusRoute | null): void {
    this.dialog
      .open<BusRouteDialog, BusRoute | null, BusRoute>(BusRouteDialog, { data: route, width: '520px' })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success('bus.saved');
          this.refresh(true);
        }
      });
  }

  remove(route: BusRoute): void {
    this.confirm
      .ask({ title: 'bus.confirmDelete.title', message: 'bus.confirmDelete.message', params: { name: route.name }, danger: true })
      .pipe(switchMap((ok) => (ok ? this.api.deleteRoute(route.id).pipe(map(() => true)) : of(false))))
      .subscribe({
        next: (done) => done && this.refresh(true),
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }

  preview(value: unknown): string {
    const text = JSON.stringify(value ?? {});
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
}
