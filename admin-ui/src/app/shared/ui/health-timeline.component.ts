import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { HealthPoint } from '@opstage/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { formatDateTime } from '../util/format';
import { timelineChanges, timelineSegments, timelineShares } from '../util/timeline';

const COLORS: Record<string, string> = {
  UP: 'var(--ops-ok)',
  DEGRADED: 'var(--ops-warn)',
  DOWN: '#d93025',
  UNKNOWN: '#8b97a3',
};

/**
 * A health status timeline: one coloured bar per status period over the window; compact for list
 * rows (a sparkline), with hours marked below it on the Health tab. The bar has a text alternative
 * (shares per status and the number of changes), so it is not colour-only information.
 */
@Component({
  selector: 'app-health-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="timeline"
      [class.compact]="compact()"
      role="img"
      [attr.aria-label]="summary()"
      [title]="summary()"
      data-testid="health-timeline"
    >
      @for (s of segments(); track s.from) {
        <span
          class="seg"
          [style.width.%]="s.fraction * 100"
          [style.background]="color(s.status)"
          [class.none]="s.status === 'NONE'"
          [attr.data-status]="s.status"
        ></span>
      }
    </div>
    @if (!compact()) {
      <div class="axis" aria-hidden="true">
        <span>{{ start() }}</span
        ><span>{{ end() }}</span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 60px;
    }
    .timeline {
      display: flex;
      height: 14px;
      border-radius: 3px;
      overflow: hidden;
      background: var(--ops-border-soft);
    }
    .timeline.compact {
      height: 10px;
      width: 100%;
      min-width: 80px;
    }
    .seg {
      height: 100%;
      min-width: 1px;
    }
    .seg.none {
      background: repeating-linear-gradient(
        45deg,
        var(--ops-border-soft),
        var(--ops-border-soft) 3px,
        var(--ops-surface) 3px,
        var(--ops-surface) 6px
      ) !important;
    }
    .axis {
      display: flex;
      justify-content: space-between;
      font-size: 11px;
      color: var(--ops-muted);
      margin-top: 2px;
    }
  `,
})
export class HealthTimelineComponent {
  private readonly i18n = inject(I18nService);
  readonly points = input.required<readonly HealthPoint[]>();
  readonly since = input.required<string>();
  readonly until = input.required<string>();
  readonly compact = input(false);

  protected readonly segments = computed(() =>
    timelineSegments(this.points(), Date.parse(this.since()), Date.parse(this.until())),
  );
  protected readonly start = computed(() => formatDateTime(this.since(), this.i18n.language()));
  protected readonly end = computed(() => formatDateTime(this.until(), this.i18n.language()));
  protected readonly summary = computed(() => {
    const shares = timelineShares(this.segments());
    const parts = Object.entries(shares)
      .filter(([status]) => status !== 'NONE')
      .map(
        ([status, share]) =>
          `${this.i18n.tOr(`status.${status}`, status)} ${Math.round(share * 100)}%`,
      );
    return this.i18n.t('timeline.summary', {
      shares: parts.length ? parts.join(', ') : this.i18n.t('timeline.noData'),
      changes: timelineChanges(this.segments()),
      from: this.start(),
    });
  });

  color(status: string): string {
    return COLORS[status] ?? 'transparent';
  }
}
