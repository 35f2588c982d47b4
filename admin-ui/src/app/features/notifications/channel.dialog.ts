import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { NotificationChannelResponse, NotificationChannelType } from '@opstage/contracts';
import { MASKED_SECRET, NotificationsApi } from '../../api/notifications.api';
import { ApiError, toApiError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  NotificationDialogActions,
  NotificationDialogHead,
  showServerErrors,
} from './notification-dialog-parts';
import {
  CHANNEL_FIELDS,
  CHANNEL_TYPES,
  ChannelControl,
  channelFormValue,
  createChannelRequest,
  serverIssues,
  splitList,
  updateChannelRequest,
} from './notification-forms';

/** The server's minimum for a webhook signing secret; the mask stands for the stored one. */
export const MIN_SECRET_LENGTH = 16;
function secretLength(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  return value !== '' && value !== MASKED_SECRET && value.length < MIN_SECRET_LENGTH
    ? { minlength: { requiredLength: MIN_SECRET_LENGTH } }
    : null;
}

/** Every type-specific control: the ones of other types are disabled, so they never block a save. */
const TYPE_CONTROLS: readonly ChannelControl[] = [
  'url',
  'secret',
  'webhookUrl',
  'host',
  'port',
  'secure',
  'username',
  'password',
  'from',
  'to',
];

/** Create or edit a notification channel (owner). Closes with the saved channel. */
@Component({
  selector: 'app-notification-channel-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    NotificationDialogActions,
    NotificationDialogHead,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (channel ? 'notifications.editChannel' : 'notifications.createChannel') | t }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="channel-dialog">
      <mat-dialog-content class="form-grid">
        <app-notification-dialog-head
          prefix="channel"
          [error]="error()"
          [issues]="otherIssues()"
          [nameError]="errorOf('name')"
        />
        <mat-form-field>
          <mat-label>{{ 'notifications.type' | t }}</mat-label>
          <mat-select formControlName="type" data-testid="channel-type">
            @for (t of types; track t) {
              <mat-option [value]="t" [attr.data-testid]="'channel-type-' + t">{{
                'notifications.channelType.' + t | t
              }}</mat-option>
            }
          </mat-select>
          @if (channel) {
            <mat-hint>{{ 'notifications.typeFixed' | t }}</mat-hint>
          }
          <mat-error>{{ errorOf('type') }}</mat-error>
        </mat-form-field>
        <mat-checkbox formControlName="enabled" data-testid="channel-enabled">{{
          'notifications.enabled' | t
        }}</mat-checkbox>
        @switch (type()) {
          @case ('webhook') {
            <mat-form-field>
              <mat-label>{{ 'notifications.field.url' | t }}</mat-label>
              <input
                matInput
                formControlName="url"
                required
                placeholder="https://hooks.example.com/opstage"
                class="mono"
                data-testid="channel-url"
              />
              <mat-error>{{ errorOf('url') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'notifications.field.secret' | t }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="secret"
                autocomplete="new-password"
                data-testid="channel-secret"
              />
              <mat-hint>{{ secretHint('secret', 'notifications.secretHint') | t }}</mat-hint>
              <mat-error>{{ errorOf('secret') }}</mat-error>
            </mat-form-field>
          }
          @case ('email') {
            <div class="pair">
              <mat-form-field>
                <mat-label>{{ 'notifications.field.host' | t }}</mat-label>
                <input matInput formControlName="host" required data-testid="channel-host" />
                <mat-error>{{ errorOf('host') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'notifications.field.port' | t }}</mat-label>
                <input
                  matInput
                  type="number"
                  min="1"
                  max="65535"
                  formControlName="port"
                  required
                  data-testid="channel-port"
                />
                <mat-error>{{ errorOf('port') }}</mat-error>
              </mat-form-field>
            </div>
            <mat-checkbox formControlName="secure" data-testid="channel-secure">{{
              'notifications.field.secure' | t
            }}</mat-checkbox>
            <div class="pair">
              <mat-form-field>
                <mat-label>{{ 'notifications.field.username' | t }}</mat-label>
                <input
                  matInput
                  formControlName="username"
                  autocomplete="off"
                  data-testid="channel-username"
                />
                <mat-error>{{ errorOf('username') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'notifications.field.password' | t }}</mat-label>
                <input
                  matInput
                  type="password"
                  formControlName="password"
                  autocomplete="new-password"
                  data-testid="channel-password"
                />
                <mat-hint>{{ secretHint('password', 'notifications.optional') | t }}</mat-hint>
                <mat-error>{{ errorOf('password') }}</mat-error>
              </mat-form-field>
            </div>
            <mat-form-field>
              <mat-label>{{ 'notifications.field.from' | t }}</mat-label>
              <input
                matInput
                formControlName="from"
                required
                placeholder="opstage@example.com"
                data-testid="channel-from"
              />
              <mat-error>{{ errorOf('from') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'notifications.field.to' | t }}</mat-label>
              <textarea
                matInput
                formControlName="to"
                required
                rows="2"
                placeholder="oncall@example.com, lead@example.com"
                data-testid="channel-to"
              ></textarea>
              <mat-hint>{{ 'notifications.toHint' | t }}</mat-hint>
              <mat-error>{{ errorOf('to') }}</mat-error>
            </mat-form-field>
          }
          @default {
            <mat-form-field>
              <mat-label>{{ 'notifications.field.webhookUrl' | t }}</mat-label>
              <input
                matInput
                formControlName="webhookUrl"
                required
                class="mono"
                autocomplete="off"
                data-testid="channel-webhook-url"
              />
              <mat-hint>{{
                secretHint('webhookUrl', 'notifications.webhookUrlHint') | t
              }}</mat-hint>
              <mat-error>{{ errorOf('webhookUrl') }}</mat-error>
            </mat-form-field>
          }
        }
      </mat-dialog-content>
      <app-notification-dialog-actions prefix="channel" [submitting]="submitting()" />
    </form>
  `,
  styles: `
    .form-grid {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding-top: 8px;
    }
    .pair {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
      align-items: start;
    }
    @media (max-width: 599px) {
      .pair {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class NotificationChannelDialog {
  protected readonly channel = inject<NotificationChannelResponse | null>(MAT_DIALOG_DATA);
  private readonly ref = inject(
    MatDialogRef<NotificationChannelDialog, NotificationChannelResponse>,
  );
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  protected readonly types = CHANNEL_TYPES;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly otherIssues = signal<string[]>([]);

  private readonly initial = channelFormValue(this.channel);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.initial.name, [Validators.required, Validators.pattern(/\S/)]],
    type: [{ value: this.initial.type, disabled: this.channel !== null }],
    enabled: [this.initial.enabled],
    url: [this.initial.url, [Validators.required, Validators.pattern(/^https?:\/\/\S+$/i)]],
    secret: [this.initial.secret, [secretLength]],
    webhookUrl: [this.initial.webhookUrl, [Validators.required]],
    host: [this.initial.host, [Validators.required, Validators.pattern(/\S/)]],
    port: [this.initial.port, [Validators.required, Validators.min(1), Validators.max(65535)]],
    secure: [this.initial.secure],
    username: [this.initial.username],
    password: [this.initial.password],
    from: [this.initial.from, [Validators.required, Validators.pattern(/\S/)]],
    to: [this.initial.to, [Validators.required, Validators.pattern(/\S/)]],
  });
  protected readonly type = toSignal(this.form.controls.type.valueChanges, {
    initialValue: this.initial.type,
  });

  constructor() {
    this.showFieldsOf(this.initial.type);
    this.form.controls.type.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((t) => this.showFieldsOf(t));
  }

  /** Only the chosen type's fields take part in validation. */
  private showFieldsOf(type: NotificationChannelType): void {
    const visible = CHANNEL_FIELDS[type];
    for (const name of TYPE_CONTROLS) {
      const control = this.form.controls[name];
      if (visible.includes(name)) control.enable({ emitEvent: false });
      else control.disable({ emitEvent: false });
    }
  }

  /** A secret still holding the mask says so: saving keeps the stored value. */
  protected secretHint(name: 'secret' | 'password' | 'webhookUrl', otherwise: string): string {
    return this.form.controls[name].value === MASKED_SECRET
      ? 'notifications.keepSecret'
      : otherwise;
  }

  protected errorOf(name: ChannelControl): string {
    const errors = this.form.controls[name].errors ?? {};
    if (errors['server']) return String(errors['server']);
    if (errors['required'] || (errors['pattern'] && name !== 'url'))
      return this.i18n.t('validation.required');
    if (errors['pattern']) return this.i18n.t('notifications.urlInvalid');
    if (errors['minlength']) return this.i18n.t('validation.minLength', { min: MIN_SECRET_LENGTH });
    if (errors['min']) return this.i18n.t('validation.min', { min: 1 });
    if (errors['max']) return this.i18n.t('validation.max', { max: 65535 });
    return '';
  }

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    if (value.type === 'email' && splitList(value.to).length === 0) {
      this.form.controls.to.setErrors({ required: true });
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.otherIssues.set([]);
    (this.channel
      ? this.api.updateChannel(this.channel.id, updateChannelRequest(value))
      : this.api.createChannel(createChannelRequest(value))
    ).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.showServerError(toApiError(err));
      },
    });
  }

  private showServerError(err: ApiError): void {
    const names = Object.keys(this.form.controls) as ChannelControl[];
    const found = serverIssues(err, names);
    this.error.set(err);
    this.otherIssues.set(found.other);
    showServerErrors(this.form.controls, found.controls);
  }
}
