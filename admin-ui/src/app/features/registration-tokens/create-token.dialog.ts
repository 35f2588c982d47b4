import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RegistrationTokensApi } from '../../api/registration-tokens.api';
import type { CreatedRegistrationTokenResponse } from '@opstage/contracts';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

export const EXPIRY_CHOICES: readonly { seconds: number | null; label: string }[] = [
  { seconds: 3600, label: 'tokens.expiry.1h' },
  { seconds: 86400, label: 'tokens.expiry.24h' },
  { seconds: 7 * 86400, label: 'tokens.expiry.7d' },
  { seconds: 30 * 86400, label: 'tokens.expiry.30d' },
  { seconds: null, label: 'tokens.expiry.never' },
];

@Component({
  selector: 'app-create-token-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    ErrorAlertComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'tokens.create' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        <mat-form-field>
          <mat-label>{{ 'common.name' | t }}</mat-label>
          <input
            matInput
            formControlName="name"
            required
            placeholder="demo-agent"
            data-testid="token-name"
            cdkFocusInitial
          />
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ 'validation.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tokens.expiresIn' | t }}</mat-label>
          <mat-select formControlName="expiry" data-testid="token-expiry">
            @for (c of choices; track c.label) {
              <mat-option [value]="c.seconds">{{ c.label | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tokens.agentCode' | t }}</mat-label>
          <input matInput formControlName="agentCode" data-testid="token-agent-code" />
          <mat-hint>{{ 'tokens.agentCodeHint' | t }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="submitting()"
          data-testid="token-create-submit"
        >
          {{ 'common.create' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CreateTokenDialog {
  private readonly api = inject(RegistrationTokensApi);
  private readonly ref = inject(MatDialogRef<CreateTokenDialog, CreatedRegistrationTokenResponse>);
  protected readonly choices = EXPIRY_CHOICES;
  protected readonly form = inject(FormBuilder).group({
    name: ['', Validators.required],
    expiry: [86400],
    agentCode: [''],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, expiry, agentCode } = this.form.getRawValue();
    this.submitting.set(true);
    this.api
      .create({
        name: (name ?? '').trim(),
        expiresInSeconds: expiry ?? null,
        ...(agentCode?.trim() ? { agentCode: agentCode.trim() } : {}),
      })
      .subscribe({
        next: (token) => this.ref.close(token),
        error: (err: unknown) => {
          this.submitting.set(false);
          this.error.set(toApiError(err));
        },
      });
  }
}
