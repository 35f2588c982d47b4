import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Observable } from 'rxjs';
import { UsersApi } from '../../api/users.api';
import type { PublicUser, Role } from '@opstage/contracts';
import { ApiError, toApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

export const ROLES: readonly Role[] = ['owner', 'operator', 'viewer'];
export const PASSWORD_MIN = 12;

export type UserDialogMode = 'create' | 'edit' | 'password';

export interface UserDialogData {
  mode: UserDialogMode;
  user?: PublicUser;
}

/** Create user, edit (display name, role, status) and reset password in one small dialog. */
@Component({
  selector: 'app-user-dialog',
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
    <h2 mat-dialog-title>
      {{ 'users.dialog.' + data.mode | t: { name: data.user?.username ?? '' } }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-grid">
        <app-error-alert [error]="error()" [retryable]="false" />
        @if (data.mode === 'create') {
          <mat-form-field>
            <mat-label>{{ 'login.username' | t }}</mat-label>
            <input
              matInput
              formControlName="username"
              required
              autocomplete="off"
              data-testid="user-username"
            />
            <mat-error>{{ 'validation.required' | t }}</mat-error>
          </mat-form-field>
        }
        @if (data.mode !== 'password') {
          <mat-form-field>
            <mat-label>{{ 'users.displayName' | t }}</mat-label>
            <input
              matInput
              formControlName="displayName"
              autocomplete="off"
              data-testid="user-display-name"
            />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'users.role' | t }}</mat-label>
            <mat-select formControlName="role" data-testid="user-role">
              @for (r of roles; track r) {
                <mat-option [value]="r">{{ 'status.' + r | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (data.mode === 'edit') {
          <mat-form-field>
            <mat-label>{{ 'common.status' | t }}</mat-label>
            <mat-select formControlName="status">
              <mat-option value="ACTIVE">{{ 'status.ACTIVE' | t }}</mat-option>
              <mat-option value="DISABLED">{{ 'status.DISABLED' | t }}</mat-option>
            </mat-select>
          </mat-form-field>
        }
        @if (data.mode !== 'edit') {
          <mat-form-field>
            <mat-label>{{
              (data.mode === 'create' ? 'users.initialPassword' : 'users.newPassword') | t
            }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              required
              autocomplete="new-password"
              data-testid="user-password"
            />
            <mat-hint>{{ 'users.passwordHint' | t: { min: passwordMin } }}</mat-hint>
            <mat-error>{{ 'validation.minLength' | t: { min: passwordMin } }}</mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="submitting()" data-testid="user-submit">
          {{ 'common.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UserDialog {
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<UserDialog, PublicUser>);
  private readonly api = inject(UsersApi);
  protected readonly roles = ROLES;
  protected readonly passwordMin = PASSWORD_MIN;
  protected readonly submitting = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', this.data.mode === 'create' ? Validators.required : []],
    displayName: [this.data.user?.displayName ?? ''],
    role: [this.data.user?.role ?? 'viewer'],
    status: [this.data.user?.status ?? 'ACTIVE'],
    password: [
      '',
      this.data.mode === 'edit' ? [] : [Validators.required, Validators.minLength(PASSWORD_MIN)],
    ],
  });

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const id = this.data.user?.id ?? '';
    let call: Observable<PublicUser>;
    if (this.data.mode === 'create') {
      call = this.api.create({
        username: v.username.trim(),
        password: v.password,
        role: v.role,
        ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
      });
    } else if (this.data.mode === 'edit') {
      call = this.api.update(id, {
        role: v.role,
        status: v.status,
        ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
      });
    } else {
      call = this.api.resetPassword(id, v.password);
    }
    this.submitting.set(true);
    call.subscribe({
      next: (user) => this.ref.close(user),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
