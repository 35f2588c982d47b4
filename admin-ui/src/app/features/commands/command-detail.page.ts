import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Subscription, timer } from 'rxjs';
import { CommandsApi } from '../../api/commands.api';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import type { CommandDetail } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { ShortIdComponent } from '../../shared/ui/short-id.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { ActionLauncher } from '../actions/action-launcher.service';
import { isTerminal } from '../actions/action-rules';
import { ActionLaunch, OneTimeSecret, extractSecrets } from '../actions/result-model';
import { ResultViewComponent } from '../actions/result-view.component';
import { liveRefresh } from '../../core/live/live-refresh';
import { LiveStatusComponent } from '../../shared/ui/live-status.component';
import { CommandOperationsService } from './command-operations.service';
import { canCancel, canRetry } from './command-rules';
import { ApprovalPanelComponent } from './approval-panel.component';

@Component({
  selector: 'app-command-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    DurationPipe,
    ErrorAlertComponent,
    JsonBlockComponent,
    ShortIdComponent,
    StatusTagComponent,
    ResultViewComponent,
    LiveStatusComponent,
    ApprovalPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './command-detail.page.html',
})
export class CommandDetailPage {
  private readonly api = inject(CommandsApi);
  private readonly servicesApi = inject(CapsuleServicesApi);
  private readonly ops = inject(CommandOperationsService);
  private readonly launcher = inject(ActionLauncher);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  readonly id = input.required<string>();

  protected readonly command = signal<CommandDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly loadedAt = signal<number | null>(null);
  /** Secrets seen on the first read after completion; kept for this page's lifetime only. */
  protected readonly secrets = signal<OneTimeSecret[] | null>(null);
  protected readonly cancelable = canCancel;
  protected readonly retryable = canRetry;
  private sub: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sub?.unsubscribe());
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.command.set(null);
        this.secrets.set(null);
        this.load(id);
      });
    });
    liveRefresh(['commands'], () => this.load(this.id(), true), { ids: () => [this.id()] });
  }

  load(id = this.id(), silent = false): void {
    this.sub?.unsubscribe();
    if (!silent) {
      this.loading.set(true);
    }
    this.sub = this.api.get(id).subscribe({
      next: (detail) => {
        this.loading.set(false);
        this.error.set(null);
        this.command.set(detail);
        this.loadedAt.set(Date.now());
        if (detail.result && this.secrets() === null) {
          this.secrets.set(extractSecrets(detail.result.data));
        }
        if (!isTerminal(detail.status)) {
          this.sub = timer(2000).subscribe(() => this.load(id, true));
        }
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  cancel(command: CommandDetail): void {
    this.ops.cancel(command).subscribe({
      next: () => this.load(command.id, true),
      error: (e: unknown) => this.notifier.apiError(e),
    });
  }

  retry(command: CommandDetail): void {
    this.ops.retry(command).subscribe({ error: (e: unknown) => this.notifier.apiError(e) });
  }

  launch(request: ActionLaunch): void {
    const command = this.command();
    if (!command) {
      return;
    }
    this.servicesApi.get(command.serviceId).subscribe({
      next: (service) =>
        this.launcher
          .open({
            serviceId: service.id,
            serviceName: service.name,
            actionName: request.action,
            catalog: service.actions ?? [],
            payload: request.payload,
            detail: request.detail,
          })
          .subscribe(),
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }
}
