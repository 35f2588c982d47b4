import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { forkJoin, map, of, catchError, switchMap, Observable } from 'rxjs';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { CapsuleServiceDetailResponse } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh, watchServices } from '../../core/live/live-refresh';
import { createLoader } from '../../shared/util/loader';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { TimeComponent } from '../../shared/ui/time.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { ServiceActionsComponent } from './service-actions.component';
import { ServiceConfigsComponent } from './service-configs.component';
import { ServiceHealthComponent } from './service-health.component';
import { ServiceCommandsComponent } from './service-commands.component';
import { ServiceAuditComponent } from './service-audit.component';
import { ReassignDialog } from './reassign.dialog';
import { MatDialog } from '@angular/material/dialog';
import { SessionStore } from '../../core/auth/session.store';

export const SERVICE_TABS = [
  'overview',
  'manifest',
  'health',
  'configs',
  'actions',
  'commands',
  'audit',
] as const;

/**
 * Fills in parts the detail response omitted from the dedicated sub-endpoints
 * (`/manifest`, `/health`, `/configs`, `/actions`); a failing sub-call leaves the part empty.
 */
function completeDetail(
  api: CapsuleServicesApi,
  detail: CapsuleServiceDetailResponse,
): Observable<CapsuleServiceDetailResponse> {
  const id = detail.id;
  const missing: Record<string, Observable<unknown>> = {};
  if (detail.manifest === undefined)
    missing['manifest'] = api.manifest(id).pipe(catchError(() => of(undefined)));
  if (detail.health === undefined)
    missing['health'] = api.health(id).pipe(catchError(() => of(null)));
  if (detail.configs === undefined)
    missing['configs'] = api.configs(id).pipe(catchError(() => of([])));
  if (detail.actions === undefined)
    missing['actions'] = api.actions(id).pipe(catchError(() => of([])));
  if (Object.keys(missing).length === 0) {
    return of(detail);
  }
  return forkJoin(missing).pipe(map((parts) => ({ ...detail, ...parts })));
}

@Component({
  selector: 'app-service-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTabsModule,
    TranslatePipe,
    ErrorAlertComponent,
    LiveStatusComponent,
    TimeComponent,
    JsonBlockComponent,
    ShortIdComponent,
    StatusTagComponent,
    EmptyStateComponent,
    ServiceActionsComponent,
    ServiceConfigsComponent,
    ServiceHealthComponent,
    ServiceCommandsComponent,
    ServiceAuditComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './service-detail.page.html',
})
export class ServiceDetailPage {
  private readonly api = inject(CapsuleServicesApi);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);
  readonly id = input.required<string>();
  protected readonly tabs = SERVICE_TABS;
  protected readonly service = createLoader<CapsuleServiceDetailResponse>();
  private readonly query = toSignal(this.route.queryParamMap);
  protected readonly tabIndex = computed(() => {
    const tab = this.query()?.get('tab') ?? 'overview';
    const index = (SERVICE_TABS as readonly string[]).indexOf(tab);
    return index === -1 ? 0 : index;
  });
  protected readonly manifestLinks = computed(() => {
    const links = this.service.value()?.manifest?.['links'];
    if (typeof links !== 'object' || links === null) {
      return [];
    }
    return Object.entries(links as Record<string, unknown>)
      .filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && /^https?:\/\//.test(entry[1]),
      )
      .map(([name, url]) => ({ name, url }));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // The service's own changes and its agent's (which decide whether actions can run).
    liveRefresh(['services', 'agents'], () => this.load(this.id(), true), {
      ids: () => [this.id(), this.service.value()?.agentId ?? ''],
    });
    watchServices(() => [this.id()]);
  }

  load(id = this.id(), silent = false): void {
    this.service.load(
      this.api.get(id).pipe(switchMap((detail) => completeDetail(this.api, detail))),
      { silent },
    );
  }

  refresh(): void {
    this.load(this.id(), true);
    this.notifier.success('common.refreshed');
  }

  reassign(service: CapsuleServiceDetailResponse): void {
    this.dialog
      .open<ReassignDialog, CapsuleServiceDetailResponse, unknown>(ReassignDialog, {
        data: service,
        width: '480px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success('services.reassigned');
          this.load(service.id, true);
        }
      });
  }

  selectTab(index: number): void {
    const tab = SERVICE_TABS[index] ?? 'overview';
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
