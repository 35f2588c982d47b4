import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { LiveEvents } from '../../core/live/live-events.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NowService } from '../../core/time/now.service';
import { formatDateTime, formatRelative } from '../util/format';

/** "● Live · updated 4 seconds ago" with the pause control; shown in every list and detail page header. */
@Component({
  selector: 'app-live-status',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="live" data-testid="live-status" [attr.data-state]="state()" role="status">
      <span class="dot" [class]="'dot ' + state()" aria-hidden="true"></span>
      <span class="label">{{ 'live.state.' + state() | t }}</span>
      @if (updatedAt(); as at) {
        <span class="updated" data-testid="live-updated" [title]="absolute()"
          >· {{ 'live.updated' | t: { when: relative() } }}</span
        >
      }
      <button
        mat-icon-button
        type="button"
        class="toggle"
        (click)="live.setPaused(!live.paused())"
        [attr.aria-pressed]="live.paused()"
        [attr.aria-label]="(live.paused() ? 'live.resume' : 'live.pause') | t"
        [matTooltip]="(live.paused() ? 'live.resume' : 'live.pause') | t"
        data-testid="live-pause"
      >
        <mat-icon aria-hidden="true">{{ live.paused() ? 'play_arrow' : 'pause' }}</mat-icon>
      </button>
    </span>
  `,
  styles: `
    .live {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 12px;
      color: var(--ops-text-2);
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--ops-muted);
      flex: 0 0 auto;
    }
    .dot.live {
      background: var(--ops-ok);
    }
    .dot.offline,
    .dot.connecting {
      background: var(--ops-warn);
    }
    .toggle {
      --mat-icon-button-state-layer-size: 32px;
      width: 32px;
      height: 32px;
      padding: 4px;
    }
    @media (max-width: 599px) {
      .updated {
        display: none;
      }
    }
  `,
})
export class LiveStatusComponent {
  protected readonly live = inject(LiveEvents);
  private readonly i18n = inject(I18nService);
  private readonly clock = inject(NowService);
  /** When the page last loaded its data (epoch ms). */
  readonly updatedAt = input<number | null>(null);
  protected readonly state = computed(() =>
    this.live.paused() ? 'paused' : this.live.state() === 'off' ? 'offline' : this.live.state(),
  );
  protected readonly relative = computed(() =>
    formatRelative(
      this.updatedAt(),
      Math.max(this.clock.now(), this.updatedAt() ?? 0),
      this.i18n.language(),
    ),
  );
  protected readonly absolute = computed(() =>
    formatDateTime(this.updatedAt(), this.i18n.language()),
  );
}
