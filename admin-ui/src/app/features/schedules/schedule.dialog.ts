import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  ActionDefinitionResponse,
  CapsuleServiceResponse,
  ScheduleResponse,
} from '@opstage/contracts';
import { Observable } from 'rxjs';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import { SchedulesApi } from '../../api/schedules.api';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { needsConfirmation } from '../actions/action-rules';
import { SchemaFormComponent } from '../actions/schema-form.component';
import { buildSchemaForm, schemaFormValue, type SchemaForm } from '../actions/schema-form';
import {
  CRON_EXAMPLES,
  browserTimeZone,
  fromSchedule,
  issuesByPath,
  toCreateRequest,
  toUpdateRequest,
  type ScheduleFormValue,
} from './schedule-form';

export interface ScheduleDialogData {
  /** Edit this schedule; absent: create one. */
  schedule?: ScheduleResponse;
}

/** Create or edit a schedule (docs/schedules.md): service, action, timing, and the payload through the action form. */
@Component({
  selector: 'app-schedule-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    ErrorAlertComponent,
    SchemaFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (editing ? 'schedules.edit' : 'schedules.create') | t }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        <mat-form-field>
          <mat-label>{{ 'common.name' | t }}</mat-label>
          <input matInput formControlName="name" required data-testid="schedule-name" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'schedules.service' | t }}</mat-label>
          <mat-select
            formControlName="serviceId"
            (selectionChange)="onService($event.value)"
            data-testid="schedule-service"
          >
            @for (s of services(); track s.id) {
              <mat-option [value]="s.id">{{ s.name }} ({{ s.code }})</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'schedules.action' | t }}</mat-label>
          <mat-select
            formControlName="actionName"
            (selectionChange)="onAction($event.value)"
            data-testid="schedule-action"
          >
            @for (a of actions(); track a.name) {
              <mat-option [value]="a.name">{{ a.label || a.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'schedules.kind' | t }}</mat-label>
          <mat-select formControlName="kind" data-testid="schedule-kind">
            <mat-option value="cron">{{ 'schedules.kind.cron' | t }}</mat-option>
            <mat-option value="once">{{ 'schedules.kind.once' | t }}</mat-option>
          </mat-select>
        </mat-form-field>
        @if (form.controls.kind.value === 'cron') {
          <mat-form-field>
            <mat-label>{{ 'schedules.cron' | t }}</mat-label>
            <input
              matInput
              formControlName="cron"
              placeholder="0 3 * * *"
              data-testid="schedule-cron"
            />
            <mat-hint>{{ 'schedules.cronHint' | t: { examples: examples } }}</mat-hint>
          </mat-form-field>
          @if (issues()['cron']; as m) {
            <p class="danger-text" data-testid="schedule-issue-cron">{{ m }}</p>
          }
        } @else {
          <mat-form-field>
            <mat-label>{{ 'schedules.runAt' | t }}</mat-label>
            <input
              matInput
              type="datetime-local"
              formControlName="runAtLocal"
              data-testid="schedule-run-at"
            />
          </mat-form-field>
          @if (issues()['runAt']; as m) {
            <p class="danger-text" data-testid="schedule-issue-runAt">{{ m }}</p>
          }
        }
        <mat-form-field>
          <mat-label>{{ 'schedules.timeZone' | t }}</mat-label>
          <input
            matInput
            formControlName="timeZone"
            placeholder="UTC"
            data-testid="schedule-zone"
          />
          <mat-hint>{{ 'schedules.timeZoneHint' | t }}</mat-hint>
        </mat-form-field>
        @if (issues()['timeZone']; as m) {
          <p class="danger-text" data-testid="schedule-issue-timeZone">{{ m }}</p>
        }
        <mat-checkbox formControlName="enabled" data-testid="schedule-enabled">
          {{ 'schedules.enabled' | t }}
        </mat-checkbox>
        <mat-checkbox formControlName="skipIfRunning" data-testid="schedule-skip">
          {{ 'schedules.skipIfRunning' | t }}
        </mat-checkbox>
        @if (payloadForm(); as pf) {
          <h3 class="sub-heading">{{ 'schedules.payload' | t }}</h3>
          <app-schema-form [form]="pf" />
          @for (p of payloadIssues(); track p[0]) {
            <p class="danger-text" data-testid="schedule-issue-payload">{{ p[1] }}</p>
          }
        }
        @if (confirmNeeded()) {
          <mat-checkbox formControlName="confirm" data-testid="schedule-confirm">
            {{ 'schedules.confirm' | t }}
          </mat-checkbox>
        }
        <p class="muted">{{ 'schedules.approvalNote' | t }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="submitting()"
          data-testid="schedule-submit"
        >
          {{ (editing ? 'common.save' : 'common.create') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ScheduleDialog {
  private readonly data = inject<ScheduleDialogData | null>(MAT_DIALOG_DATA, { optional: true });
  private readonly api = inject(SchedulesApi);
  private readonly servicesApi = inject(CapsuleServicesApi);
  private readonly ref = inject(MatDialogRef<ScheduleDialog, ScheduleResponse>);
  protected readonly editing = this.data?.schedule !== undefined;
  protected readonly examples = CRON_EXAMPLES.join(', ');
  protected readonly services = signal<CapsuleServiceResponse[]>([]);
  protected readonly actions = signal<ActionDefinitionResponse[]>([]);
  protected readonly action = signal<ActionDefinitionResponse | null>(null);
  protected readonly payloadForm = signal<SchemaForm | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly submitting = signal(false);
  protected readonly issues = computed(() => issuesByPath(this.error()));
  protected readonly payloadIssues = computed(() =>
    Object.entries(this.issues()).filter(([path]) => path.startsWith('payload')),
  );
  protected readonly confirmNeeded = computed(() => {
    const action = this.action();
    return action !== null && needsConfirmation(action);
  });

  private readonly initial: ScheduleFormValue = this.data?.schedule
    ? fromSchedule(this.data.schedule)
    : {
        name: '',
        serviceId: '',
        actionName: '',
        kind: 'cron',
        cron: '0 3 * * *',
        runAtLocal: '',
        timeZone: browserTimeZone(),
        enabled: true,
        skipIfRunning: false,
        confirm: false,
      };

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.initial.name, [Validators.required, Validators.maxLength(100)]],
    serviceId: [{ value: this.initial.serviceId, disabled: this.editing }, Validators.required],
    actionName: [{ value: this.initial.actionName, disabled: this.editing }, Validators.required],
    kind: [this.initial.kind],
    cron: [this.initial.cron],
    runAtLocal: [this.initial.runAtLocal],
    timeZone: [this.initial.timeZone],
    enabled: [this.initial.enabled],
    skipIfRunning: [this.initial.skipIfRunning],
    confirm: [false],
  });

  constructor() {
    this.servicesApi.list({ pageSize: 100 }).subscribe({
      next: (page) => this.services.set(page.items),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
    if (this.initial.serviceId) this.onService(this.initial.serviceId, this.initial.actionName);
  }

  onService(serviceId: string, keepAction = ''): void {
    this.actions.set([]);
    this.action.set(null);
    this.payloadForm.set(null);
    if (!keepAction) this.form.controls.actionName.setValue('');
    this.servicesApi.actions(serviceId).subscribe({
      next: (list) => {
        this.actions.set(list);
        if (keepAction) this.onAction(keepAction);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  onAction(name: string): void {
    const action = this.actions().find((a) => a.name === name) ?? null;
    this.action.set(action);
    const initial = this.editing ? (this.data?.schedule?.payload ?? {}) : {};
    this.payloadForm.set(action ? buildSchemaForm(action.inputSchema ?? {}, initial) : null);
  }

  submit(): void {
    const payloadForm = this.payloadForm();
    if (this.form.invalid || (payloadForm && payloadForm.group.invalid)) {
      this.form.markAllAsTouched();
      payloadForm?.group.markAllAsTouched();
      return;
    }
    const value: ScheduleFormValue = this.form.getRawValue();
    const payload = payloadForm ? schemaFormValue(payloadForm) : {};
    const schedule = this.data?.schedule;
    const call: Observable<ScheduleResponse> = schedule
      ? this.api.update(schedule.id, toUpdateRequest(value, payload, this.initial))
      : this.api.create(toCreateRequest(value, payload));
    this.submitting.set(true);
    this.error.set(null);
    call.subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
