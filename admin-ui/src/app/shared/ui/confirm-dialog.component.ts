import {
  ChangeDetectionStrategy,
  Component,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable, map } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationParams } from '../../core/i18n/i18n.service';

export interface ConfirmOptions {
  /** Translation keys. */
  title: string;
  message: string;
  params?: TranslationParams;
  confirmLabel?: string;
  danger?: boolean;
  /** When set, the operator must type this exact text before confirming. */
  typedText?: string;
}

@Component({
  selector: 'app-confirm-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title | t: data.params }}</h2>
    <mat-dialog-content>
      <p>{{ data.message | t: data.params }}</p>
      @if (data.typedText) {
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'confirm.typeToConfirm' | t: { text: data.typedText } }}</mat-label>
          <input
            matInput
            [ngModel]="typed()"
            (ngModelChange)="typed.set($event)"
            data-testid="confirm-typed"
            autocomplete="off"
          />
        </mat-form-field>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" data-testid="confirm-cancel">
        {{ 'common.cancel' | t }}
      </button>
      <button
        mat-flat-button
        type="button"
        [class.danger-button]="data.danger"
        [disabled]="!canConfirm()"
        [mat-dialog-close]="true"
        data-testid="confirm-ok"
        cdkFocusInitial
      >
        {{ data.confirmLabel ?? 'common.confirm' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: 100%;
    }
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmOptions>(MAT_DIALOG_DATA);
  protected readonly ref = inject(MatDialogRef<ConfirmDialogComponent, boolean>);
  protected readonly typed = signal('');
  protected readonly canConfirm = computed(
    () => !this.data.typedText || this.typed().trim() === this.data.typedText,
  );
}

@Injectable({ providedIn: 'root' })
export class ConfirmService {
  private readonly dialog = inject(MatDialog);

  ask(options: ConfirmOptions): Observable<boolean> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmOptions, boolean>(ConfirmDialogComponent, {
        data: options,
        width: '460px',
        autoFocus: options.typedText ? 'input' : 'dialog',
      })
      .afterClosed()
      .pipe(map((result) => result === true));
  }
}
