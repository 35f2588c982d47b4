import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { formatDateTime } from './format';

/**
 * Date-time in the console language's format (the browser's time zone). Impure like the `t` pipe:
 * it reads the language signal, so dates change with the language switcher.
 */
@Pipe({ name: 'dt', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | number | null | undefined): string {
    return formatDateTime(value, this.i18n.language());
  }
}
