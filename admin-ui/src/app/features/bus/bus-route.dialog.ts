import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { BusApi } from '../../api/bus.api';
import type { BusRouteStatus, PublicBusRoute } from '@opstage/contracts';
import { ApiError, toApiError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import {
  BUS_ROUTE_STATUSES,
  FieldProblem,
  ROUTE_LIMITS,
  RouteControl,
  formValueOf,
  inputFromForm,
  routeServerErrors,
} from './bus-route-form';
import { MappingRow, mappingFromRows, rowsFromMapping, sameMapping } from './input-mapping';
import { BusMappingEditorComponent } from './mapping-editor.component';
import { createRouteForm, createRouteTargetPicker } from './route-target-picker';

/** Create / edit a bus route (operator+). Closes with the saved route. */
@Component({
  selector: 'app-bus-route-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatAutocompleteModule,
    TranslatePipe,
    ErrorAlertComponent,
    BusMappingEditorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (route ? 'bus.editRoute' : 'bus.createRoute') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="route-dialog">
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        @if (reasons().length) {
          <div class="banner warn" role="alert" data-testid="route-target-reasons">
            <mat-icon aria-hidden="true">block</mat-icon>
            <div>
              <div>{{ 'bus.targetInvalid' | t }}</div>
              <ul>
                @for (r of reasons(); track r) {
                  <li [attr.data-reason]="r">{{ reasonLabel(r) }}</li>
                }
              </ul>
            </div>
          </div>
        }
        @if (otherIssues().length) {
          <ul class="issues" data-testid="route-issues">
            @for (m of otherIssues(); track $index) {
              <li>{{ m }}</li>
            }
          </ul>
        }
        <mat-form-field>
          <mat-label>{{ 'common.name' | t }}</mat-label>
          <input
            matInput
            formControlName="name"
            required
            [maxlength]="limits.name"
            data-testid="route-name"
            cdkFocusInitial
          />
          <mat-error>{{ errorOf('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'common.description' | t }}</mat-label>
          <input
            matInput
            formControlName="description"
            [maxlength]="limits.description"
            data-testid="route-description"
          />
          <mat-error>{{ errorOf('description') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'common.status' | t }}</mat-label>
          <mat-select formControlName="status" data-testid="route-status">
            @for (s of statuses; track s) {
              <mat-option [value]="s" [attr.data-testid]="'route-status-option-' + s">{{
                'status.' + s | t
              }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'bus.statusHint.' + status() | t }}</mat-hint>
          <mat-error>{{ errorOf('status') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'bus.eventType' | t }}</mat-label>
          <input
            matInput
            formControlName="eventType"
            required
            [maxlength]="limits.eventType"
            placeholder="demo.item.created"
            class="mono"
            data-testid="route-event-type"
          />
          <mat-hint>{{ 'bus.eventTypeHint' | t }}</mat-hint>
          <mat-error>{{ errorOf('eventType') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'bus.sourceServiceCode' | t }}</mat-label>
          <input
            matInput
            formControlName="sourceServiceCode"
            [maxlength]="limits.serviceCode"
            [placeholder]="'bus.anySource' | t"
            class="mono"
            data-testid="route-source"
            [matAutocomplete]="sourcePicker"
          />
          <mat-autocomplete #sourcePicker="matAutocomplete">
            @for (svc of picker.matching(picker.sourceText()); track svc.id) {
              <mat-option [value]="svc.code"
                ><span class="mono">{{ svc.code }}</span>
                <span class="muted">{{ svc.name }}</span></mat-option
              >
            }
          </mat-autocomplete>
          <mat-hint>{{ 'bus.sourceHint' | t }}</mat-hint>
          <mat-error>{{ errorOf('sourceServiceCode') }}</mat-error>
        </mat-form-field>
        <div class="target">
          <mat-form-field>
            <mat-label>{{ 'bus.targetService' | t }}</mat-label>
            <input
              matInput
              formControlName="targetServiceCode"
              required
              [maxlength]="limits.serviceCode"
              class="mono"
              data-testid="route-target-service"
              [matAutocomplete]="servicePicker"
            />
            <mat-autocomplete #servicePicker="matAutocomplete">
              @for (svc of picker.matching(picker.targetText()); track svc.id) {
                <mat-option
                  [value]="svc.code"
                  [attr.data-testid]="'route-service-option-' + svc.code"
                  ><span class="mono">{{ svc.code }}</span>
                  <span class="muted">{{ svc.name }}</span></mat-option
                >
              }
            </mat-autocomplete>
            <mat-error data-testid="route-target-service-error">{{
              errorOf('targetServiceCode')
            }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'bus.targetAction' | t }}</mat-label>
            <input
              matInput
              formControlName="actionName"
              required
              [maxlength]="limits.actionName"
              class="mono"
              data-testid="route-target-action"
              [matAutocomplete]="actionPicker"
            />
            <mat-autocomplete #actionPicker="matAutocomplete">
              @for (a of picker.matchingActions(); track a.name) {
                <mat-option [value]="a.name" [attr.data-testid]="'route-action-option-' + a.name"
                  ><span class="mono">{{ a.name }}</span>
                  <span class="muted">{{ a.label }} · {{ a.dangerLevel }}</span></mat-option
                >
              }
            </mat-autocomplete>
            <mat-hint>{{ 'bus.targetHint' | t }}</mat-hint>
            <mat-error data-testid="route-target-action-error">{{
              errorOf('actionName')
            }}</mat-error>
          </mat-form-field>
        </div>
        <app-bus-mapping-editor
          [rows]="rows()"
          (rowsChange)="onRows($event)"
          [serverErrors]="mappingErrors()"
          [submitted]="submitted()"
          [disabled]="submitting()"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="route-cancel">
          {{ 'common.cancel' | t }}
        </button>
        <button mat-flat-button type="submit" [disabled]="submitting()" data-testid="route-submit">
          {{ 'common.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form-grid {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding-top: 8px;
    }
    .target {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
      align-items: start;
    }
    .issues {
      margin: 0;
      padding-left: 18px;
      color: var(--ops-danger);
      font-size: 13px;
    }
    @media (max-width: 599px) {
      .target {
        grid-template-columns: 1fr;
      }
    }
    .banner ul {
      margin: 4px 0 0;
      padding-left: 18px;
    }
  `,
})
export class BusRouteDialog {
  protected readonly route = inject<PublicBusRoute | null>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<BusRouteDialog, PublicBusRoute>);
  private readonly api = inject(BusApi);
  private readonly i18n = inject(I18nService);
  protected readonly statuses = BUS_ROUTE_STATUSES;
  protected readonly limits = ROUTE_LIMITS;
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly reasons = signal<string[]>([]);
  protected readonly otherIssues = signal<string[]>([]);
  protected readonly mappingErrors = signal<Record<string, string>>({});
  protected readonly rows = signal<MappingRow[]>(rowsFromMapping(this.route?.inputMapping));

  private readonly initial = formValueOf(this.route);
  protected readonly form = createRouteForm(this.initial);
  protected readonly status = signal<BusRouteStatus>(this.initial.status);
  protected readonly picker = createRouteTargetPicker(this.form.controls);

  constructor() {
    this.form.controls.status.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((s) => this.status.set(s));
  }

  protected errorOf(name: RouteControl): string {
    const control = this.form.controls[name];
    const errors = control.errors ?? {};
    if (errors['server']) {
      return String(errors['server']);
    }
    if (errors['required']) {
      return this.i18n.t('validation.required');
    }
    if (errors['maxlength']) {
      return this.i18n.t('validation.maxLength', {
        max: (errors['maxlength'] as { requiredLength: number }).requiredLength,
      });
    }
    return '';
  }

  protected reasonLabel(reason: string): string {
    return this.i18n.tOr(`bus.reason.${reason}`, reason);
  }

  protected onRows(rows: MappingRow[]): void {
    this.rows.set(rows);
    if (Object.keys(this.mappingErrors()).length) {
      this.mappingErrors.set({});
    }
  }

  submit(): void {
    this.submitted.set(true);
    const { mapping, issues } = mappingFromRows(this.rows());
    if (this.form.invalid || issues.length) {
      this.form.markAllAsTouched();
      return;
    }
    // On edit, an unchanged mapping is left out: PUT keeps the stored one.
    const sendMapping = !this.route || !sameMapping(mapping, this.route.inputMapping);
    const input = inputFromForm(this.form.getRawValue(), sendMapping ? mapping : undefined);
    this.submitting.set(true);
    this.error.set(null);
    this.reasons.set([]);
    this.otherIssues.set([]);
    this.mappingErrors.set({});
    (this.route
      ? this.api.updateRoute(this.route.id, input)
      : this.api.createRoute(input)
    ).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.showServerError(toApiError(err));
      },
    });
  }

  private showServerError(err: ApiError): void {
    const found = routeServerErrors(
      err,
      this.rows().map((r) => r.field),
    );
    this.error.set(err);
    this.reasons.set(found.reasons);
    this.otherIssues.set(found.other.map((p) => this.text(p)));
    this.mappingErrors.set(
      Object.fromEntries(Object.entries(found.mapping).map(([field, p]) => [field, this.text(p)])),
    );
    for (const [name, problem] of Object.entries(found.controls) as [
      RouteControl,
      FieldProblem,
    ][]) {
      const control = this.form.controls[name];
      control.setErrors({ ...(control.errors ?? {}), server: this.text(problem) });
      control.markAsTouched();
    }
  }

  private text(problem: FieldProblem): string {
    if (!problem.code) {
      return problem.message;
    }
    return this.i18n.tOr(
      `bus.fieldError.${problem.code}`,
      this.i18n.tOr(`error.${problem.code}`, problem.message),
    );
  }
}
