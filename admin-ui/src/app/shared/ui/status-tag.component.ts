import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';

export type TagTone = 'green' | 'blue' | 'running' | 'amber' | 'red' | 'grey';

const TONES: Record<string, TagTone> = {
  ONLINE: 'green',
  ACTIVE: 'green',
  HEALTHY: 'green',
  UP: 'green',
  SUCCEEDED: 'green',
  SUCCESS: 'green',
  STARTED: 'green',
  TRUE: 'green',
  YES: 'green',
  ENABLED: 'green',
  LOW: 'green',
  PENDING: 'blue',
  AWAITING_APPROVAL: 'amber',
  DRY_RUN: 'blue',
  MEDIUM: 'amber',
  PREPARE: 'blue',
  RUNNING: 'running',
  OFFLINE: 'amber',
  DEGRADED: 'amber',
  UNHEALTHY: 'amber',
  EXPIRED: 'amber',
  STALE: 'amber',
  MISSED: 'amber',
  DOWN: 'red',
  FAILED: 'red',
  REVOKED: 'red',
  FAILURE: 'red',
  DISABLED: 'red',
  DENIED: 'red',
  HIGH: 'red',
  CRITICAL: 'red',
  // Notifications (docs/notifications.md): channel status, alert state, delivery status, severity.
  OK: 'green',
  SENT: 'green',
  RESOLVED: 'green',
  INFO: 'blue',
  WARNING: 'amber',
  FIRING: 'red',
  FAILING: 'red',
};

export function tagTone(value: string): TagTone {
  return TONES[value.toUpperCase()] ?? 'grey';
}

/** Coloured status tag. STALE is amber, never green. Booleans render TRUE/FALSE. */
@Component({
  selector: 'app-status-tag',
  imports: [MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span
    [class]="'tag tone-' + tone()"
    [attr.data-status]="raw()"
    [matTooltip]="tooltip() ?? ''"
    [matTooltipDisabled]="!tooltip()"
    >{{ label() }}</span
  >`,
  styles: `
    .tag {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 10px;
      font-size: 12px;
      line-height: 18px;
      font-weight: 500;
      border: 1px solid transparent;
      white-space: nowrap;
    }
    .tone-green {
      background: var(--ops-tag-green-bg);
      color: var(--ops-tag-green-fg);
      border-color: var(--ops-tag-green-border);
    }
    .tone-blue {
      background: var(--ops-tag-blue-bg);
      color: var(--ops-tag-blue-fg);
      border-color: var(--ops-tag-blue-border);
    }
    .tone-running {
      background: var(--ops-tag-blue-bg);
      color: var(--ops-tag-blue-fg);
      border-color: var(--ops-tag-blue-fg);
      animation: pulse 1.6s ease-in-out infinite;
    }
    .tone-amber {
      background: var(--ops-tag-amber-bg);
      color: var(--ops-tag-amber-fg);
      border-color: var(--ops-tag-amber-border);
    }
    .tone-red {
      background: var(--ops-tag-red-bg);
      color: var(--ops-tag-red-fg);
      border-color: var(--ops-tag-red-border);
    }
    .tone-grey {
      background: var(--ops-tag-grey-bg);
      color: var(--ops-tag-grey-fg);
      border-color: var(--ops-tag-grey-border);
    }
    /* A border pulse, not an opacity one: faded text would fall below the contrast minimum. */
    @keyframes pulse {
      50% {
        border-color: transparent;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .tone-running {
        animation: none;
      }
    }
  `,
})
export class StatusTagComponent {
  private readonly i18n = inject(I18nService);
  readonly value = input<string | boolean | null | undefined>();
  readonly tooltip = input<string | null>(null);

  protected readonly raw = computed(() => {
    const value = this.value();
    if (value === null || value === undefined || value === '') {
      return '-';
    }
    return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  });
  protected readonly tone = computed(() => tagTone(this.raw()));
  protected readonly label = computed(() => {
    const raw = this.raw();
    return raw === '-' ? raw : this.i18n.tOr(`status.${raw}`, raw);
  });
}
