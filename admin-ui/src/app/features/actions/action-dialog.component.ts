import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Subscription, timer } from 'rxjs';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import { CommandsApi } from '../../api/commands.api';
import type { ActionDefinitionResponse, CommandDetail } from '@opstage/contracts';
import { JsonObject } from '../../api/view-types';
import { SessionStore } from '../../core/auth/session.store';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ConfirmService } from '../../shared/ui/confirm-dialog.component';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { Notifier } from '../../shared/ui/notifier.service';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { ResultDetailComponent } from './result-detail.component';
import { ResultViewComponent } from './result-view.component';
import { SchemaFormComponent } from './schema-form.component';
import { SchemaForm, buildSchemaForm, schemaFormValue } from './schema-form';
import {
  ActionLaunch,
  OneTimeSecret,
  ResultDetail,
  extractSecrets,
  normalizeDetail,
} from './result-model';
import { isTerminal, needsConfirmation } from './action-rules';

export interface ActionDialogData {
  serviceId: string;
  serviceName: string;
  actionName: string;
  /** The service catalog: labels and which row-action targets exist. */
  catalog: ActionDefinitionResponse[];
  payload?: JsonObject;
  detail?: JsonObject;
}

type Phase =
  | 'preparing'
  | 'prepareFailed'
  | 'prepareTimeout'
  | 'ready'
  | 'submitting'
  | 'running'
  | 'done';

/** Seconds the server waited for the agent (504 ACTION_PREPARE_TIMEOUT carries `timeoutSeconds`). */
export function prepareTimeoutSeconds(error: ApiError): number | null {
  const details = error.details;
  const value =
    details !== null && typeof details === 'object'
      ? (details as Record<string, unknown>)['timeoutSeconds']
      : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

@Component({
  selector: 'app-action-dialog',
  imports: [
    FormsModule,
    RouterLink,
    MatDialogModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    TranslatePipe,
    ErrorAlertComponent,
    JsonBlockComponent,
    StatusTagComponent,
    DurationPipe,
    ResultDetailComponent,
    ResultViewComponent,
    SchemaFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-dialog.component.html',
  styleUrl: './action-dialog.component.css',
})
export class ActionDialogComponent {
  protected readonly data = inject<ActionDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ActionDialogComponent, CommandDetail | undefined>);
  private readonly dialog = inject(MatDialog);
  private readonly servicesApi = inject(CapsuleServicesApi);
  private readonly commandsApi = inject(CommandsApi);
  private readonly notifier = inject(Notifier);
  private readonly confirm = inject(ConfirmService);
  protected readonly session = inject(SessionStore);

  protected readonly phase = signal<Phase>('preparing');
  protected readonly elapsed = signal(0);
  protected readonly prepareError = signal<ApiError | null>(null);
  protected readonly submitError = signal<ApiError | null>(null);
  protected readonly action = signal<ActionDefinitionResponse | null>(this.catalogEntry());
  protected readonly form = signal<SchemaForm | null>(null);
  protected readonly preparedDetail = signal<ResultDetail | null>(null);
  protected readonly command = signal<CommandDetail | null>(null);
  protected readonly secrets = signal<OneTimeSecret[] | null>(null);
  protected readonly typedConfirmation = signal('');
  protected readonly available = this.data.catalog.map((a) => a.name);

  protected readonly needsConfirm = computed(() => {
    const action = this.action();
    return action ? needsConfirmation(action) : false;
  });
  protected readonly confirmed = computed(
    () =>
      !this.needsConfirm() ||
      this.typedConfirmation().trim() === (this.action()?.name ?? this.data.actionName),
  );
  protected readonly title = computed(() => this.action()?.label ?? this.data.actionName);
  /** "the agent did not answer in N s": the server's wait, else what the operator waited. */
  protected readonly timeoutSeconds = computed(() => {
    const error = this.prepareError();
    return (error && prepareTimeoutSeconds(error)) ?? this.elapsed();
  });

  private initialPayload: JsonObject = {};
  private prepareSub: Subscription | null = null;
  private pollSub: Subscription | null = null;
  private tickSub: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopAll());
    this.prepare();
  }

  private catalogEntry(): ActionDefinitionResponse | null {
    return this.data.catalog.find((a) => a.name === this.data.actionName) ?? null;
  }

  prepare(): void {
    this.stopAll();
    this.phase.set('preparing');
    this.prepareError.set(null);
    this.elapsed.set(0);
    this.tickSub = timer(1000, 1000).subscribe(() => this.elapsed.update((n) => n + 1));
    this.prepareSub = this.servicesApi
      .prepare(this.data.serviceId, this.data.actionName)
      .subscribe({
        next: (res) => {
          this.tickSub?.unsubscribe();
          const action = res.action ?? this.catalogEntry();
          this.action.set(action);
          this.initialPayload = { ...(res.initialPayload ?? {}), ...(this.data.payload ?? {}) };
          this.form.set(buildSchemaForm(action?.inputSchema ?? {}, this.initialPayload));
          const seeded = this.data.detail ? normalizeDetail({ data: this.data.detail }) : null;
          this.preparedDetail.set(seeded ?? normalizeDetail(res.currentState?.['detail']));
          this.typedConfirmation.set('');
          this.phase.set('ready');
        },
        error: (err: unknown) => {
          this.tickSub?.unsubscribe();
          const error = toApiError(err);
          this.prepareError.set(error);
          this.phase.set(
            error.code === 'ACTION_PREPARE_TIMEOUT' ? 'prepareTimeout' : 'prepareFailed',
          );
        },
      });
  }

  payloadPreview(): JsonObject {
    const form = this.form();
    if (!form) {
      return {};
    }
    try {
      return schemaFormValue(form, this.initialPayload);
    } catch {
      return {};
    }
  }

  run(): void {
    const form = this.form();
    if (!form || this.phase() !== 'ready') {
      return;
    }
    if (form.group.invalid) {
      form.group.markAllAsTouched();
      return;
    }
    if (!this.confirmed()) {
      return;
    }
    const payload = schemaFormValue(form, this.initialPayload);
    this.phase.set('submitting');
    this.submitError.set(null);
    this.servicesApi
      .execute(this.data.serviceId, this.data.actionName, {
        payload,
        ...(this.needsConfirm() ? { confirmation: true } : {}),
      })
      .subscribe({
        next: (command) => {
          this.notifier.info('actions.commandCreated');
          this.command.set({ ...command, result: null });
          this.secrets.set(null);
          this.phase.set('running');
          this.poll(command.id);
        },
        error: (err: unknown) => {
          this.submitError.set(toApiError(err));
          this.phase.set('ready');
        },
      });
  }

  private poll(id: string): void {
    const action = this.action();
    const longRunning = (action?.timeoutSeconds ?? 0) > 60;
    let tries = 0;
    this.pollSub?.unsubscribe();
    const step = () => {
      tries += 1;
      const delay = longRunning || tries > 30 ? 2000 : 1000;
      this.pollSub = timer(delay).subscribe(() => {
        if (typeof document !== 'undefined' && document.hidden) {
          step();
          return;
        }
        this.pollSub = this.commandsApi.get(id).subscribe({
          next: (detail) => this.onCommand(detail) || step(),
          error: () => step(),
        });
      });
    };
    step();
  }

  /** Returns true when the command is terminal (polling stops). */
  private onCommand(detail: CommandDetail): boolean {
    this.command.set(detail);
    if (detail.result && this.secrets() === null) {
      // the first read after completion is the only one carrying one-time fields
      this.secrets.set(extractSecrets(detail.result.data));
    }
    if (!isTerminal(detail.status)) {
      return false;
    }
    this.phase.set('done');
    if (detail.status === 'SUCCEEDED') {
      this.notifier.success('actions.commandSucceeded');
    } else if (detail.status === 'CANCELLED') {
      this.notifier.info('actions.commandCancelled');
    } else {
      this.notifier.error(detail.errorMessage || detail.errorCode || detail.status);
    }
    return true;
  }

  cancelCommand(): void {
    const command = this.command();
    if (!command) {
      return;
    }
    this.confirm
      .ask({
        title: 'commands.confirmCancel.title',
        message: 'commands.confirmCancel.message',
        params: { name: command.actionName },
        danger: true,
        confirmLabel: 'commands.cancel',
      })
      .subscribe((ok) => {
        if (!ok) {
          return;
        }
        this.commandsApi.cancel(command.id).subscribe({
          next: () => this.notifier.success('commands.cancelRequested'),
          error: (err: unknown) => this.notifier.apiError(err),
        });
      });
  }

  runAgain(): void {
    this.pollSub?.unsubscribe();
    this.command.set(null);
    this.secrets.set(null);
    this.typedConfirmation.set('');
    this.phase.set('ready');
  }

  /** A row/page/detail action opens its own dialog, prefilled through prepare. */
  launch(request: ActionLaunch): void {
    this.dialog.open<ActionDialogComponent, ActionDialogData>(ActionDialogComponent, {
      data: {
        ...this.data,
        actionName: request.action,
        payload: request.payload,
        detail: request.detail,
      },
      width: '920px',
      maxWidth: '96vw',
      autoFocus: 'first-tabbable',
      panelClass: 'action-dialog-panel',
    });
  }

  close(): void {
    this.ref.close(this.command() ?? undefined);
  }

  private stopAll(): void {
    this.prepareSub?.unsubscribe();
    this.pollSub?.unsubscribe();
    this.tickSub?.unsubscribe();
  }
}
