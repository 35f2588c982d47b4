import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ApiTokenRole, CreatedApiTokenResponse, PublicUser } from '@opstage/contracts';
import { ApiTokensApi, type CreateApiTokenInput } from '../../api/api-tokens.api';
import { UsersApi } from '../../api/users.api';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

export const API_TOKEN_EXPIRY_DAYS: readonly number[] = [7, 30, 90, 180, 365];

/** The request the form describes: `scope` is `key:value` pairs separated by commas or new lines. */
export function toCreateInput(form: {
  name: string;
  role: ApiTokenRole;
  subject: 'serviceAccount' | 'user';
  serviceAccount: string;
  userId: string;
  expiresInDays: number;
  scope: string;
}): CreateApiTokenInput {
  const scope = form.scope
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return {
    name: form.name.trim(),
    role: form.role,
    ...(form.subject === 'user'
      ? { userId: form.userId }
      : { serviceAccount: form.serviceAccount.trim() }),
    expiresInDays: form.expiresInDays,
    ...(scope.length ? { scope } : {}),
  };
}

@Component({
  selector: 'app-create-api-token-dialog',
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
    <h2 mat-dialog-title>{{ 'apiTokens.create' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        <mat-form-field>
          <mat-label>{{ 'common.name' | t }}</mat-label>
          <input
            matInput
            formControlName="name"
            required
            placeholder="nightly-backup"
            data-testid="api-token-name"
            cdkFocusInitial
          />
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ 'validation.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'apiTokens.role' | t }}</mat-label>
          <mat-select formControlName="role" data-testid="api-token-role">
            <mat-option value="viewer">{{ 'status.viewer' | t }}</mat-option>
            <mat-option value="operator">{{ 'status.operator' | t }}</mat-option>
          </mat-select>
          <mat-hint>{{ 'apiTokens.roleHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'apiTokens.subject' | t }}</mat-label>
          <mat-select formControlName="subject" data-testid="api-token-subject">
            <mat-option value="serviceAccount">{{ 'apiTokens.serviceAccount' | t }}</mat-option>
            <mat-option value="user">{{ 'apiTokens.user' | t }}</mat-option>
          </mat-select>
        </mat-form-field>
        @if (form.controls.subject.value === 'user') {
          <mat-form-field>
            <mat-label>{{ 'apiTokens.user' | t }}</mat-label>
            <mat-select formControlName="userId" data-testid="api-token-user">
              @for (u of users(); track u.id) {
                <mat-option [value]="u.id"
                  >{{ u.username }} ({{ 'status.' + u.role | t }})</mat-option
                >
              }
            </mat-select>
          </mat-form-field>
        } @else {
          <mat-form-field>
            <mat-label>{{ 'apiTokens.serviceAccount' | t }}</mat-label>
            <input
              matInput
              formControlName="serviceAccount"
              placeholder="ci-bot"
              data-testid="api-token-service-account"
            />
            <mat-hint>{{ 'apiTokens.serviceAccountHint' | t }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>{{ 'tokens.expiresIn' | t }}</mat-label>
          <mat-select formControlName="expiresInDays" data-testid="api-token-expiry">
            @for (d of expiryDays; track d) {
              <mat-option [value]="d">{{ 'apiTokens.days' | t: { days: d } }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'apiTokens.scope' | t }}</mat-label>
          <input
            matInput
            formControlName="scope"
            placeholder="team:billing"
            data-testid="api-token-scope"
          />
          <mat-hint>{{ 'apiTokens.scopeHint' | t }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="submitting()"
          data-testid="api-token-create-submit"
        >
          {{ 'common.create' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CreateApiTokenDialog {
  private readonly api = inject(ApiTokensApi);
  private readonly ref = inject(MatDialogRef<CreateApiTokenDialog, CreatedApiTokenResponse>);
  protected readonly expiryDays = API_TOKEN_EXPIRY_DAYS;
  protected readonly users = signal<PublicUser[]>([]);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', Validators.required],
    role: new FormControl<ApiTokenRole>('operator', { nonNullable: true }),
    subject: new FormControl<'serviceAccount' | 'user'>('serviceAccount', { nonNullable: true }),
    serviceAccount: [''],
    userId: [''],
    expiresInDays: [90],
    scope: [''],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  constructor() {
    inject(UsersApi)
      .list({ pageSize: 100, status: 'ACTIVE' })
      .subscribe({ next: (page) => this.users.set(page.items), error: () => this.users.set([]) });
  }

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.api.create(toCreateInput(this.form.getRawValue())).subscribe({
      next: (token) => this.ref.close(token),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
