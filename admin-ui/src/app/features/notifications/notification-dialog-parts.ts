import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  AbstractControl,
  ControlContainer,
  FormGroupDirective,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';

/**
 * The top of the channel and rule dialogs: the server's error, its issues that match no field, and
 * the name field (`formControlName="name"` of the dialog's form, reached through its form group).
 * Test ids are `<prefix>-issues` and `<prefix>-name`. The host is `display: contents` so the
 * dialog's grid gaps stay as they were.
 */
@Component({
  selector: 'app-notification-dialog-head',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    ErrorAlertComponent,
  ],
  viewProviders: [{ provide: ControlContainer, useExisting: FormGroupDirective }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <app-error-alert [error]="error()" [retryable]="false" />
    @if (issues().length) {
      <ul class="issues" [attr.data-testid]="prefix() + '-issues'">
        @for (m of issues(); track $index) {
          <li>{{ m }}</li>
        }
      </ul>
    }
    <mat-form-field>
      <mat-label>{{ 'common.name' | t }}</mat-label>
      <input matInput formControlName="name" required [attr.data-testid]="prefix() + '-name'" />
      <mat-error>{{ nameError() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    .issues {
      margin: 0;
      padding-left: 18px;
      color: var(--ops-danger);
      font-size: 13px;
    }
  `,
})
export class NotificationDialogHead {
  readonly prefix = input.required<string>();
  readonly error = input.required<ApiError | null>();
  readonly issues = input.required<readonly string[]>();
  readonly nameError = input.required<string>();
}

/** Cancel and save of the channel and rule dialogs (`<prefix>-cancel`, `<prefix>-submit`). */
@Component({
  selector: 'app-notification-dialog-actions',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [attr.data-testid]="prefix() + '-cancel'">
        {{ 'common.cancel' | t }}
      </button>
      <button
        mat-flat-button
        type="submit"
        [disabled]="submitting()"
        [attr.data-testid]="prefix() + '-submit'"
      >
        {{ 'common.save' | t }}
      </button>
    </mat-dialog-actions>
  `,
})
export class NotificationDialogActions {
  readonly prefix = input.required<string>();
  readonly submitting = input.required<boolean>();
}

/** Puts the server's per-field messages on their controls, next to what the client found. */
export function showServerErrors<C extends string>(
  controls: Readonly<Record<C, AbstractControl>>,
  messages: Partial<Record<C, string>>,
): void {
  for (const [name, message] of Object.entries(messages) as [C, string][]) {
    const control = controls[name];
    control.setErrors({ ...(control.errors ?? {}), server: message });
    control.markAsTouched();
  }
}
