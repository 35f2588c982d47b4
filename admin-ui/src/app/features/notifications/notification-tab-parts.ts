import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** The top of the Channels and Rules tabs: the owner's create button, then the tab's help line. */
@Component({
  selector: 'app-notification-tab-toolbar',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <div class="toolbar">
      @if (session.isOwner()) {
        <button
          mat-flat-button
          type="button"
          (click)="create.emit()"
          [attr.data-testid]="createTestId()"
        >
          <mat-icon>add</mat-icon>{{ createLabel() | t }}
        </button>
      }
      <span class="muted">{{ help() | t }}</span>
    </div>
  `,
})
export class NotificationTabToolbar {
  protected readonly session = inject(SessionStore);
  readonly createLabel = input.required<string>();
  readonly createTestId = input.required<string>();
  readonly help = input.required<string>();
  readonly create = output();
}

export interface FilterOption {
  value: string;
  /** An i18n key, or shown as it is when the filter says `translate` is false. */
  label: string;
}

/**
 * One filter of the Alerts or Deliveries tab: "All" (the empty value) and the options. The host
 * is `display: contents` so the field sits in the tab's `.filters` row as before.
 */
@Component({
  selector: 'app-notification-filter',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <mat-form-field [class.wide]="wide()">
      <mat-label>{{ label() | t }}</mat-label>
      <mat-select
        [value]="value()"
        (selectionChange)="valueChange.emit($event.value)"
        [attr.data-testid]="testId()"
      >
        <mat-option value="">{{ 'common.all' | t }}</mat-option>
        @for (o of options(); track o.value) {
          <mat-option [value]="o.value">{{ translate() ? (o.label | t) : o.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
})
export class NotificationFilter {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly value = input.required<string>();
  readonly options = input.required<readonly FilterOption[]>();
  readonly translate = input(true);
  readonly wide = input(false);
  readonly valueChange = output<string>();
}
