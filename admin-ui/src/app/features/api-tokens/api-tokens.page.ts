import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { map, of, switchMap } from 'rxjs';
import type { ApiTokenResponse, CreatedApiTokenResponse, Paged } from '@opstage/contracts';
import { ApiTokensApi } from '../../api/api-tokens.api';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { CopyButtonComponent } from '../../shared/ui/copy-button.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { createLoader } from '../../shared/util/loader';
import {
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { CreateApiTokenDialog } from './create-api-token.dialog';

/** Who the token acts for, as one cell: the service account's name or the user's id. */
export function subjectOf(token: ApiTokenResponse): string {
  return token.subjectType === 'USER' ? (token.userId ?? '') : (token.serviceAccount ?? '');
}

/** The label scope as `key:value` pairs, or null for every service. */
export function scopeText(token: ApiTokenResponse): string | null {
  return token.scope ? token.scope.map((l) => `${l.key}:${l.value}`).join(', ') : null;
}

/** Owners' page for API tokens (docs/api-tokens-and-cli.md): list, create (the secret shown once), revoke. */
@Component({
  selector: 'app-api-tokens-page',
  imports: [
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
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens.page.html',
})
export class ApiTokensPage {
  private readonly api = inject(ApiTokensApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly statuses = ['ACTIVE', 'REVOKED', 'EXPIRED'];
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<ApiTokenResponse>>();
  protected readonly status = signal('');
  protected readonly paging = signal({ page: 1, pageSize: 20 });
  /** The secret of the token created on this page visit; gone on navigation or reload. */
  protected readonly created = signal<CreatedApiTokenResponse | null>(null);
  protected readonly subjectOf = subjectOf;
  protected readonly scopeText = scopeText;

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      this.status.set(readQuery(params, ['status'])['status'] ?? '');
      this.paging.set(readPaging(params));
      this.load();
    });
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
      .open<CreateApiTokenDialog, void, CreatedApiTokenResponse>(CreateApiTokenDialog, {
        width: '520px',
      })
      .afterClosed()
      .subscribe((token) => {
        if (token) {
          this.created.set(token);
          this.notifier.success('apiTokens.created');
          this.load(true);
        }
      });
  }

  revoke(token: ApiTokenResponse): void {
    this.confirm
      .ask({
        title: 'apiTokens.confirmRevoke.title',
        message: 'apiTokens.confirmRevoke.message',
        params: { name: token.name },
        confirmLabel: 'tokens.revoke',
        danger: true,
      })
      .pipe(switchMap((ok) => (ok ? this.api.revoke(token.id).pipe(map(() => true)) : of(false))))
      .subscribe({
        next: (done) => {
          if (done) {
            this.notifier.success('apiTokens.revoked', { name: token.name });
            this.load(true);
          }
        },
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }
}
