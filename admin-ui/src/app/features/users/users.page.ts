import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
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
import { MatSelectModule } from '@angular/material/select';
import { map, of, switchMap } from 'rxjs';
import { UsersApi } from '../../api/users.api';
import type { Paged, PublicUser } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { liveRefresh } from '../../core/live/live-refresh';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { createLoader } from '../../shared/util/loader';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import {
  Filters,
  PAGE_SIZE_OPTIONS,
  clearQuery,
  readPaging,
  readQuery,
  writeQuery,
} from '../../shared/util/url-query';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ROLES, UserDialog, UserDialogData, UserDialogMode } from './user-dialogs';

const FILTER_KEYS = ['q', 'role', 'status'] as const;

@Component({
  selector: 'app-users-page',
  imports: [
    LiveStatusComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    EmptyStateComponent,
    ErrorAlertComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);
  protected readonly roles = ROLES;
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly list = createLoader<Paged<PublicUser>>();
  protected readonly filters = signal<Filters>({});
  protected readonly q = signal('');
  protected readonly paging = signal({ page: 1, pageSize: 20 });

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((map) => {
      const filters = readQuery(map, FILTER_KEYS);
      this.filters.set(filters);
      this.q.set(filters['q'] ?? '');
      this.paging.set(readPaging(map));
      this.load();
    });
    liveRefresh(['users'], () => this.load(true));
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

  open(mode: UserDialogMode, user?: PublicUser): void {
    this.dialog
      .open<UserDialog, UserDialogData, PublicUser>(UserDialog, {
        data: { mode, user },
        width: '460px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) {
          this.notifier.success(`users.done.${mode}`, { name: saved.username });
          this.load(true);
        }
      });
  }

  toggleStatus(user: PublicUser): void {
    const disable = user.status === 'ACTIVE';
    this.confirm
      .ask({
        title: disable ? 'users.confirmDisable.title' : 'users.confirmEnable.title',
        message: disable ? 'users.confirmDisable.message' : 'users.confirmEnable.message',
        params: { name: user.username },
        danger: disable,
      })
      .pipe(
        switchMap((ok) =>
          ok
            ? this.api
                .update(user.id, { status: disable ? 'DISABLED' : 'ACTIVE' })
                .pipe(map(() => true))
            : of(false),
        ),
      )
      .subscribe({
        next: (done) => done && this.load(true),
        error: (err: unknown) => this.notifier.apiError(err),
      });
  }

  isSelf(user: PublicUser): boolean {
    return this.session.user()?.id === user.id;
  }
}
