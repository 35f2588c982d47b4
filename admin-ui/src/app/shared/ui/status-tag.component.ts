import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';

export type TagTone = 'green' | 'blue' | 'running' | 'amber' | 'red' | 'grey';

const TONES: Record<string, TagTone> = {
  ONLINE: 'green', ACTIVE: 'green', HEALTHY: 'green', UP: 'green', SUCCEEDED: 'green', SUCCESS: 'green',
  TRUE: 'green', YES: 'green', ENABLED: 'green', LOW: 'green',
  PENDING: 'blue', DRY_RUN: 'blue', MEDIUM: 'amber',
  RUNNING: 'running',
  OFFLINE: 'amber', DEGRADED: 'amber', UNHEALTHY: 'amber', EXPIRED: 'amber', STALE: 'amber',
  DOWN: 'red', FAILED: 'red', REVOKED: 'red', FAILURE: 'red', DISABLED: 'red', DENIED: 'red', HIGH: 'red',
};

export function tagTone(value: string): TagTone {
  return TONES[value.toUpperCase()] ?? 'grey';
}

/** Coloured status tag (spec C.7). STALE is amber, never green. Booleans render TRUE/FALSE. */
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
    .tone-green { background: #e6f6ec; color: #1b7a3d; border-color: #b4e2c4; }
    .tone-blue { background: #e7f0fc; color: #1559a8; border-color: #b8d2f3; }
    .tone-running { background: #e7f0fc; color: #1559a8; border-color: #7fb0ea; animation: pulse 1.6s ease-in-out infinite; }
    .tone-amber { background: #fff4e0; color: #9a5b00; border-color: #f3d19b; }
    .tone-red { background: #fdecea; color: #b3261e; border-color: #f3b7b0; }
    .tone-grey { background: #f0f2f5; color: #52606d; border-color: #d9dee5; }
    @keyframes pulse { 50% { opacity: 0.6; } }
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
