import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatRelative,
  isEmptyValue,
} from '../../shared/util/format';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { CopyButtonComponent } from '../../shared/ui/copy-button.component';
import { CellFormat } from './result-model';

/** Text of a cell for every format except the tag-like ones. Exported for tests. */
export function cellText(i18n: I18nService, value: unknown, format: CellFormat): string {
  if (isEmptyValue(value)) {
    return '-';
  }
  switch (format) {
    case 'datetime':
      return typeof value === 'string' || typeof value === 'number'
        ? formatDateTime(value, i18n.language())
        : String(value);
    case 'duration':
      return formatDuration(Number(value));
    case 'bytes':
      return formatBytes(Number(value));
    case 'relativeTime':
      return typeof value === 'string' || typeof value === 'number'
        ? formatRelative(value, Date.now(), i18n.language())
        : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

@Component({
  selector: 'app-result-cell',
  imports: [MatTooltipModule, StatusTagComponent, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (kind()) {
      @case ('status') {
        <app-status-tag [value]="tagValue()" />
      }
      @case ('boolean') {
        <app-status-tag [value]="tagValue()" />
      }
      @default {
        <span
          [class.mono]="format() === 'code'"
          [class.ellipsis]="ellipsis()"
          [matTooltip]="ellipsis() ? text() : ''"
          [matTooltipDisabled]="!ellipsis()"
          >{{ text() }}</span
        >
      }
    }
    @if (copyable() && text() !== '-') {
      <app-copy-button [text]="copyValue()" />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      max-width: 100%;
    }
    .ellipsis {
      display: inline-block;
      max-width: 240px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      vertical-align: bottom;
    }
  `,
})
export class ResultCellComponent {
  private readonly i18n = inject(I18nService);
  readonly value = input<unknown>();
  readonly format = input<CellFormat>('text');
  readonly copyable = input(false);
  readonly ellipsis = input(false);

  protected readonly kind = computed(() => {
    if (isEmptyValue(this.value())) {
      return 'text';
    }
    return this.format() === 'status' ? 'status' : this.format() === 'boolean' ? 'boolean' : 'text';
  });
  protected readonly tagValue = computed(() => {
    const value = this.value();
    if (this.format() === 'boolean') {
      return value === true || value === 'true' ? 'YES' : 'NO';
    }
    return typeof value === 'boolean' ? value : String(value);
  });
  protected readonly text = computed(() => cellText(this.i18n, this.value(), this.format()));
  protected readonly copyValue = computed(() => {
    const value = this.value();
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
