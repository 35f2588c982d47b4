import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18nService, TranslationParams } from '../../core/i18n/i18n.service';
import { ApiError, toApiError } from '../../core/http/api-error';

/** Toasts. Messages are translation keys; API errors show the translated code or the server message. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snack = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  success(key: string, params?: TranslationParams): void {
    this.snack.open(this.i18n.t(key, params), this.i18n.t('common.dismiss'), {
      duration: 3000,
      panelClass: 'snack-success',
    });
  }

  info(key: string, params?: TranslationParams): void {
    this.snack.open(this.i18n.t(key, params), this.i18n.t('common.dismiss'), { duration: 5000 });
  }

  /** A translated message styled as an error (e.g. a watched service went DOWN). */
  errorKey(key: string, params?: TranslationParams): void {
    this.error(this.i18n.t(key, params));
  }

  error(message: string): void {
    this.snack.open(message, this.i18n.t('common.dismiss'), {
      duration: 7000,
      panelClass: 'snack-error',
    });
  }

  apiError(err: unknown): void {
    this.error(describeError(this.i18n, toApiError(err)));
  }
}

/** Translated text for an API error code, falling back to the server's message (never a stack). */
export function describeError(i18n: I18nService, err: ApiError): string {
  const message = err.message || err.code;
  const translated = i18n.tOr(`error.${err.code}`, '');
  const base = translated || message;
  return err.code && !translated ? `${base} (${err.code})` : base;
}
