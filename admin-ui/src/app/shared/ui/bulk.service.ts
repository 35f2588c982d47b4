import { ChangeDetectionStrategy, Component, Injectable, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { Observable, of, switchMap } from 'rxjs';
import type { BulkResult } from '@opstage/contracts';
import { I18nService, TranslationParams } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ConfirmService } from './confirm-dialog.component';
import { Notifier } from './notifier.service';
import { StatusTagComponent } from './status-tag.component';

interface ResultData {
  result: BulkResult;
  names: Partial<Record<string, string>>;
}

/** Per-item outcome of a bulk operation (shown when anything failed). */
@Component({
  selector: 'app-bulk-result-dialog',
  imports: [MatDialogModule, MatButtonModule, TranslatePipe, StatusTagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ 'bulk.resultTitle' | t: { ok: data.result.succeeded, failed: data.result.failed } }}
    </h2>
    <mat-dialog-content>
      <table class="data-table cards" data-testid="bulk-result">
        <tbody>
          @for (item of data.result.items; track item.id) {
            <tr>
              <td>{{ data.names[item.id] ?? item.id }}</td>
              <td><app-status-tag [value]="item.ok ? 'SUCCESS' : 'FAILURE'" /></td>
              <td class="wrap">
                {{
                  item.error
                    ? item.error.message + ' (' + item.error.code + ')'
                    : (item.commandId ?? item.status ?? '')
                }}
              </td>
            </tr>
          }
        </tbody>
      </table>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close data-testid="bulk-result-close">
        {{ 'common.close' | t }}
      </button>
    </mat-dialog-actions>
  `,
})
export class BulkResultDialogComponent {
  protected readonly data = inject<ResultData>(MAT_DIALOG_DATA);
}

/**
 * The bulk flow shared by the lists: one confirmation where the operator types the number of
 * selected items, the request, then a toast (and the per-item list when something failed).
 */
@Injectable({ providedIn: 'root' })
export class BulkFlow {
  private readonly confirm = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);

  run(
    options: {
      title: string;
      message: string;
      params?: TranslationParams;
      count: number;
      danger?: boolean;
      names?: Partial<Record<string, string>>;
    },
    request: () => Observable<BulkResult>,
  ): Observable<BulkResult | null> {
    const count = options.count;
    return this.confirm
      .ask({
        title: options.title,
        message: options.message,
        params: { ...options.params, count },
        danger: options.danger ?? true,
        typedText: String(count),
        confirmLabel: 'bulk.confirmLabel',
      })
      .pipe(
        switchMap((ok) => (ok ? request() : of(null))),
        switchMap((result) => {
          if (result) this.report(result, options.names ?? {});
          return of(result);
        }),
      );
  }

  /** `run`, then `done` after a completed request (clear the selection, reload); errors become toasts. */
  runAndThen(
    options: Parameters<BulkFlow['run']>[0],
    request: () => Observable<BulkResult>,
    done: () => void,
  ): void {
    this.run(options, request).subscribe({
      next: (result) => {
        if (result) done();
      },
      error: (err: unknown) => this.notifier.apiError(err),
    });
  }

  private report(result: BulkResult, names: Partial<Record<string, string>>): void {
    if (result.failed === 0) {
      this.notifier.success('bulk.done', { ok: result.succeeded });
      return;
    }
    this.notifier.error(
      this.i18n.t('bulk.partial', { ok: result.succeeded, failed: result.failed }),
    );
    this.dialog.open(BulkResultDialogComponent, {
      data: { result, names },
      width: '640px',
      maxWidth: '96vw',
    });
  }
}
