import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { BusApi } from '../../api/bus.api';
import { BusRoute, BusRouteInput, BusRouteStatus } from '../../api/models/domain';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

@Component({
  selector: 'app-bus-route-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, ErrorAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (route ? 'bus.editRoute' : 'bus.createRoute') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        <mat-form-field><mat-label>{{ 'common.name' | t }}</mat-label><input matInput formControlName="name" required /></mat-form-field>
        <mat-form-field><mat-label>{{ 'common.description' | t }}</mat-label><input matInput formControlName="description" /></mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'common.status' | t }}</mat-label>
          <mat-select formControlName="status">
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ 'status.' + s | t }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'bus.dryRunHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field><mat-label>{{ 'bus.eventType' | t }}</mat-label><input matInput formControlName="eventType" required placeholder="demo.item.created" /></mat-form-field>
        <mat-form-field><mat-label>{{ 'bus.sourceService' | t }}</mat-label><input matInput formControlName="sourceServiceCode" placeholder="*" /></mat-form-field>
        <mat-form-field><mat-label>{{ 'bus.targetService' | t }}</mat-label><input matInput formControlName="targetServiceCode" required /></mat-form-field>
        <mat-form-field><mat-label>{{ 'bus.targetAction' | t }}</mat-label><input matInput formControlName="actionName" required /></mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="submitting()">{{ 'common.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class BusRouteDialog {
  protected readonly route = inject<BusRoute | null>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<BusRouteDialog, BusRoute>);
  private readonly api = inject(BusApi);
  protected readonly statuses: BusRouteStatus[] = ['DISABLED', 'DRY_RUN', 'ENABLED'];
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.route?.name ?? '', Validators.required],
    description: [this.route?.description ?? ''],
    status: [this.route?.status ?? ('DISABLED' as BusRouteStatus)],
    eventType: [this.route?.match.eventType ?? '', Validators.required],
    sourceServiceCode: [this.route?.match.sourceServiceCode ?? ''],
    targetServiceCode: [this.route?.target.serviceCode ?? '', Validators.required],
    actionName: [this.route?.target.actionName ?? '', Validators.required],
  });

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const input: BusRouteInput = {
      name: v.name.trim(),
      status: v.status,
      match: { eventType: v.eventType.trim(), ...(v.sourceServiceCode.trim() && v.sourceServiceCode.trim() !== '*' ? { sourceServiceCode: v.sourceServiceCode.trim() } : {}) },
      target: { serviceCode: v.targetServiceCode.trim(), actionName: v.actionName.trim() },
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
    };
    this.submitting.set(true);
    (this.route ? this.api.updateRoute(this.route.id, input) : this.api.createRoute(input)).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
