import { Pipe, PipeTransform } from '@angular/core';
import { formatDateTime } from './format';

/** Date-time in the browser's locale (decision: dates follow the browser, not the UI language). */
@Pipe({ name: 'dt' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | number | null | undefined): string {
    return formatDateTime(value);
  }
}
