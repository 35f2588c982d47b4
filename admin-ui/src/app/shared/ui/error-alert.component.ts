import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ApiError } from '../../core/http/api-error';
import { describeError } from './notifier.service';

/** Structured error banner: translated message, code, request id, optional Retry. */
@Component({
  selector: 'app-error-alert',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as err) {
      <div class="banner error" role="alert" data-testid="error-alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <div class="spacer">
          <div>{{ text() }}</div>
          @if (err.requestId) {
            <div class="muted mono">{{ 'common.requestId' | t }}: {{ err.requestId }}</div>
          }
        </div>
        @if (retryable()) {
          <button mat-stroked-button type="button" (click)="retry.emit()">
            {{ 'common.retry' | t }}
          </button>
        }
      </div>
    }
  `,
})
export class ErrorAlertComponent {
  private readonly i18n = inject(I18nService);
  readonly error = input<ApiError | null>(null);
  readonly retryable = input(true);
  readonly retry = output<void>();
  protected readonly text = computed(() => {
    const err = this.error();
    return err ? describeError(this.i18n, err) : '';
  });
}
