import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  FormBuilder,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  NotificationChannelResponse,
  NotificationEventType,
  NotificationLabel,
  NotificationRuleResponse,
  NotificationSeverity,
} from '@opstage/contracts';
import { NotificationsApi } from '../../api/notifications.api';
import { ApiError, toApiError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  NotificationDialogActions,
  NotificationDialogHead,
  showServerErrors,
} from './notification-dialog-parts';
import {
  NOTIFICATION_EVENTS,
  RuleControl,
  SEVERITIES,
  ruleFormValue,
  ruleRequest,
  sentLabelRows,
  serverIssues,
} from './notification-forms';

export interface RuleDialogData {
  rule: NotificationRuleResponse | null;
  /** The channels a rule can send to (the page has them loaded). */
  channels: NotificationChannelResponse[];
}

type LabelRow = FormGroup<{ key: FormControl<string>; value: FormControl<string> }>;

/** Create or edit a notification rule (owner). Closes with the saved rule. */
@Component({
  selector: 'app-notification-rule-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    NotificationDialogActions,
    NotificationDialogHead,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (data.rule ? 'notifications.editRule' : 'notifications.createRule') | t }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="rule-dialog">
      <mat-dialog-content class="form-grid">
        <app-notification-dialog-head
          prefix="rule"
          [error]="error()"
          [issues]="otherIssues()"
          [nameError]="errorOf('name')"
        />
        <mat-checkbox formControlName="enabled" data-testid="rule-enabled">{{
          'notifications.enabled' | t
        }}</mat-checkbox>
        <mat-form-field>
          <mat-label>{{ 'notifications.events' | t }}</mat-label>
          <mat-select formControlName="events" multiple required data-testid="rule-events">
            @for (e of events; track e) {
              <mat-option [value]="e" [attr.data-testid]="'rule-event-' + e">{{
                'notifications.event.' + e | t
              }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorOf('events') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'notifications.channels' | t }}</mat-label>
          <mat-select formControlName="channelIds" multiple required data-testid="rule-channels">
            @for (c of data.channels; track c.id) {
              <mat-option [value]="c.id" [attr.data-testid]="'rule-channel-' + c.id"
                >{{ c.name }}
                <span class="muted"
                  >({{ 'notifications.channelType.' + c.type | t }})</span
                ></mat-option
              >
            }
          </mat-select>
          @if (!data.channels.length) {
            <mat-hint>{{ 'notifications.noChannelsYet' | t }}</mat-hint>
          }
          <mat-error>{{ errorOf('channelIds') }}</mat-error>
        </mat-form-field>
        <fieldset class="labels" data-testid="rule-labels">
          <legend>{{ 'notifications.labels' | t }}</legend>
          <p class="muted small">{{ 'notifications.labelsHint' | t }}</p>
          @for (row of labels.controls; track row; let i = $index) {
            <div class="label-row" [formGroup]="row" [attr.data-testid]="'rule-label-' + i">
              <mat-form-field>
                <mat-label>{{ 'notifications.labelKey' | t }}</mat-label>
                <input matInput formControlName="key" data-testid="rule-label-key" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'notifications.labelValue' | t }}</mat-label>
                <input matInput formControlName="value" data-testid="rule-label-value" />
              </mat-form-field>
              <button
                mat-icon-button
                type="button"
                (click)="removeLabel(i)"
                [attr.aria-label]="'notifications.removeLabel' | t"
                data-testid="rule-label-remove"
              >
                <mat-icon>close</mat-icon>
              </button>
              @if (labelErrors()[i]; as message) {
                <div class="row-error" role="alert" data-testid="rule-label-error">
                  {{ message }}
                </div>
              }
            </div>
          }
          <button
            mat-stroked-button
            type="button"
            (click)="addLabel()"
            data-testid="rule-label-add"
          >
            <mat-icon>add</mat-icon>{{ 'notifications.addLabel' | t }}
          </button>
        </fieldset>
        <div class="pair">
          <mat-form-field>
            <mat-label>{{ 'notifications.minSeverity' | t }}</mat-label>
            <mat-select formControlName="minSeverity" data-testid="rule-min-severity">
              @for (s of severities; track s) {
                <mat-option [value]="s">{{ 'status.' + s | t }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorOf('minSeverity') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'notifications.delaySeconds' | t }}</mat-label>
            <input
              matInput
              type="number"
              min="0"
              formControlName="delaySeconds"
              data-testid="rule-delay"
            />
            <mat-hint>{{ 'notifications.delayHint' | t }}</mat-hint>
            <mat-error>{{ errorOf('delaySeconds') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'notifications.reminderMinutes' | t }}</mat-label>
            <input
              matInput
              type="number"
              min="0"
              formControlName="reminderMinutes"
              data-testid="rule-reminder"
            />
            <mat-hint>{{ 'notifications.reminderHint' | t }}</mat-hint>
            <mat-error>{{ errorOf('reminderMinutes') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-checkbox formControlName="notifyRecovery" data-testid="rule-recovery">{{
          'notifications.notifyRecovery' | t
        }}</mat-checkbox>
      </mat-dialog-content>
      <app-notification-dialog-actions prefix="rule" [submitting]="submitting()" />
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
      grid-template-columns: 1fr 1fr 1fr;
      gap: 8px;
      align-items: start;
    }
    .labels {
      border: 1px solid var(--ops-border);
      border-radius: 6px;
      padding: 4px 12px 10px;
      margin: 0;
    }
    .labels legend {
      font-size: 13px;
      color: var(--ops-text-2);
      padding: 0 4px;
    }
    .label-row {
      display: grid;
      grid-template-columns: 1fr 1fr auto;
      gap: 8px;
      align-items: start;
    }
    .row-error {
      color: var(--ops-danger);
      font-size: 13px;
      grid-column: 1 / -1;
      margin-top: -14px;
      margin-bottom: 6px;
    }
    .small {
      font-size: 12px;
      margin: 0 0 6px;
    }
    @media (max-width: 599px) {
      .pair {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class NotificationRuleDialog {
  protected readonly data = inject<RuleDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<NotificationRuleDialog, NotificationRuleResponse>);
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly events = NOTIFICATION_EVENTS;
  protected readonly severities = SEVERITIES;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly otherIssues = signal<string[]>([]);
  /** Server problems by label row index. */
  protected readonly labelErrors = signal<Record<number, string>>({});

  private readonly initial = ruleFormValue(this.data.rule);
  protected readonly labels = this.fb.array<LabelRow>(
    this.initial.labels.map((l) => this.labelRow(l)),
  );
  protected readonly form = this.fb.group({
    name: [this.initial.name, [Validators.required, Validators.pattern(/\S/)]],
    enabled: [this.initial.enabled],
    events: new FormControl<NotificationEventType[]>(this.initial.events, {
      nonNullable: true,
      validators: [Validators.required],
    }),
    channelIds: new FormControl<string[]>(this.initial.channelIds, {
      nonNullable: true,
      validators: [Validators.required],
    }),
    labels: this.labels,
    minSeverity: new FormControl<NotificationSeverity>(this.initial.minSeverity, {
      nonNullable: true,
    }),
    delaySeconds: [this.initial.delaySeconds, [Validators.required, Validators.min(0)]],
    reminderMinutes: [this.initial.reminderMinutes, [Validators.required, Validators.min(0)]],
    notifyRecovery: [this.initial.notifyRecovery],
  });

  /** Form row of each label in the last request, to put the server's `labels.<i>` issues on. */
  private sentRows: number[] = [];

  private labelRow(label: NotificationLabel): LabelRow {
    return this.fb.group({ key: [label.key], value: [label.value] });
  }

  protected addLabel(): void {
    this.labels.push(this.labelRow({ key: '', value: '' }));
  }

  protected removeLabel(index: number): void {
    this.labels.removeAt(index);
    // Row indexes moved: the server's row messages no longer point at the right rows.
    this.labelErrors.set({});
  }

  protected errorOf(name: RuleControl): string {
    const errors = this.form.controls[name].errors ?? {};
    if (errors['server']) return String(errors['server']);
    if (errors['required'] || errors['pattern']) return this.i18n.t('validation.required');
    if (errors['min']) return this.i18n.t('validation.min', { min: 0 });
    return '';
  }

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const input = ruleRequest(value);
    this.sentRows = sentLabelRows(value.labels);
    this.submitting.set(true);
    this.error.set(null);
    this.otherIssues.set([]);
    this.labelErrors.set({});
    const rule = this.data.rule;
    (rule ? this.api.updateRule(rule.id, input) : this.api.createRule(input)).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.showServerError(toApiError(err));
      },
    });
  }

  private showServerError(err: ApiError): void {
    const names = (Object.keys(this.form.controls) as (keyof typeof this.form.controls)[]).filter(
      (n): n is RuleControl => n !== 'labels',
    );
    const found = serverIssues(err, names);
    this.error.set(err);
    this.otherIssues.set(found.other);
    this.labelErrors.set(
      Object.fromEntries(
        Object.entries(found.labels).map(([sent, message]) => [
          this.sentRows[Number(sent)] ?? Number(sent),
          message,
        ]),
      ),
    );
    showServerErrors(this.form.controls, found.controls);
  }
}
