import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { NowService } from '../../core/time/now.service';
import { formatDateTime, formatRelative } from '../util/format';

/**
 * A point in time as "3 minutes ago" in the console language, with the absolute date-time on
 * hover (and for screen readers in a <time datetime>). `mode="absolute"` swaps the two.
 */
@Component({
  selector: 'app-time',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (value()) {
      <time [attr.datetime]="iso()" [title]="hover()">{{ shown() }}</time>
    } @else {
      <span class="muted">-</span>
    }`,
})
export class TimeComponent {
  private readonly i18n = inject(I18nService);
  private readonly clock = inject(NowService);
  readonly value = input<string | number | null | undefined>();
  readonly mode = input<'relative' | 'absolute'>('relative');

  protected readonly iso = computed(() => {
    const v = this.value();
    const d = v === null || v === undefined ? null : new Date(v);
    return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
  });
  private readonly absolute = computed(() => formatDateTime(this.value(), this.i18n.language()));
  private readonly relative = computed(() =>
    formatRelative(this.value(), this.clock.now(), this.i18n.language()),
  );
  protected readonly shown = computed(() =>
    this.mode() === 'relative' ? this.relative() : this.absolute(),
  );
  protected readonly hover = computed(() =>
    this.mode() === 'relative' ? this.absolute() : this.relative(),
  );
}
