import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Observable, map, of, switchMap } from 'rxjs';
import { RegistrationTokensApi } from '../../api/registration-tokens.api';
import type {
  CreatedRegistrationTokenResponse,
  Paged,
  RegistrationTokenResponse,
} from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import {
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { CopyButtonComponent } from '../../shared/ui/copy-button.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { CreateTokenDialog } from './create-token.dialog';

/** Ready-to-paste environment for the agent process. */
export function envSnippet(origin: string, token: string): string {
  return `OPSTAGE_BACKEND_URL=${origin}\nOPSTAGE_REGISTRATION_TOKEN=${token}`;
}

@Component({
  selector: 'app-registration-tokens-page',
  imports: [
    LiveStatusComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    CopyButtonComponent,
    EmptyStateComponent,
    ErrorAlertComponent,
    ShortIdComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './registration-tokens.page.html',
})
export class RegistrationTokensPage {
  private readonly api = inject(RegistrationTokensApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);

  protected readonly statuses = ['ACTIVE', 'USED', 'REVOKED', 'EXPIRED'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<RegistrationTokenResponse>>();
  protected readonly status = signal('');
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  /** The raw token of the token created on this page visit; gone on navigation or reload. */
  protected readonly created = signal<CreatedRegistrationTokenResponse | null>(null);
  protected readonly snippet = computed(() => {
    const token = this.created();
    return token ? envSnippet(window.location.origin, token.token ?? token.rawToken ?? '') : '';
  });

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      this.status.set(readQuery(map, ['status'])['status'] ?? '');
      this.paging.set(readPaging(map));
      this.load();
    });
    liveRefresh(['tokens'], () => this.load(true));
  }

  load(silent = false): void {
    this.list.load(this.api.list({ status: this.status(), ...this.paging() }), { silent });
  }

  refresh(): void {
    this.load();
    this.notifier.success('common.refreshed');
  }

  applyStatus(value: string): void {
    writeQuery(this.router, this.route, { status: value });
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

  create(): void {
    this.dialog
      .open<CreateTokenDialog, void, CreatedRegistrationTokenResponse>(CreateTokenDialog, {
        width: '480px',
      })
      .afterClosed()
      .subscribe((token) => {
        if (token) {
          this.created.set(token);
          this.notifier.success('tokens.created');
          this.load(true);
        }
      });
  }

  revoke(token: RegistrationTokenResponse): void {
    this.confirmThen('revoke', token, () => this.api.revoke(token.id));
  }

  remove(token: RegistrationTokenResponse): void {
    this.confirmThen('delete', token, () => this.api.remove(token.id));
  }

  private confirmThen(
    kind: 'revoke' | 'delete',
    token: RegistrationTokenResponse,
    call: () => Observable<unknown>,
  ): void {
    this.confirm
      .ask({
        title: `tokens.confirm.${kind}.title`,
        message: `tokens.confirm.${kind}.message`,
        params: { name: token.name },
        confirmLabel: `tokens.${kind}`,
        danger: true,
      })
      .pipe(switchMap((ok) => (ok ? call().pipe(map(() => true)) : of(false))))
      .subscribe({
        next: (done) => {
          if (done) {
            this.notifier.success(`tokens.done.${kind}`, { name: token.name });
            this.load(true);
          }
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }
}
