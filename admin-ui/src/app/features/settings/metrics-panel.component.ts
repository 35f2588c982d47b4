import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatExpansionModule } from '@angular/material/expansion';
import type { MetricsView } from '@opstage/contracts';
import { isJsonObject } from '../../api/view-types';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { formatDuration } from '../../shared/util/format';

interface MetricTile {
  key: string;
  value: number | string;
  alert: boolean;
}

/** Flattens nested metric objects into sorted `a.b.c` → value rows. */
export function flattenMetrics(value: unknown, prefix = ''): { key: string; value: string }[] {
  if (!isJsonObject(value)) {
    return prefix
      ? [{ key: prefix, value: value === null || value === undefined ? '-' : String(value) }]
      : [];
  }
  return Object.entries(value)
    .flatMap(([k, v]) =>
      Array.isArray(v)
        ? [{ key: prefix ? `${prefix}.${k}` : k, value: JSON.stringify(v) }]
        : flattenMetrics(v, prefix ? `${prefix}.${k}` : k),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

@Component({
  selector: 'app-metrics-panel',
  imports: [MatExpansionModule, TranslatePipe, JsonBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tiles">
      @for (tile of tiles(); track tile.key) {
        <div class="tile" [class.alert]="tile.alert">
          <div class="tile-label">{{ 'metrics.' + tile.key | t }}</div>
          <div class="tile-value">{{ tile.value }}</div>
        </div>
      }
    </div>
    <mat-expansion-panel class="raw">
      <mat-expansion-panel-header>
        <mat-panel-title>{{ 'metrics.all' | t }}</mat-panel-title>
      </mat-expansion-panel-header>
      <table class="kv">
        @for (row of rows(); track row.key) {
          <tr>
            <th class="mono">{{ row.key }}</th>
            <td>{{ row.value }}</td>
          </tr>
        }
      </table>
    </mat-expansion-panel>
    <mat-expansion-panel class="raw">
      <mat-expansion-panel-header>
        <mat-panel-title>{{ 'common.rawJson' | t }}</mat-panel-title>
      </mat-expansion-panel-header>
      <app-json-block [value]="metrics()" />
    </mat-expansion-panel>
  `,
  styles: `
    .tiles {
      margin-bottom: 12px;
    }
    .raw {
      box-shadow: none;
      border: 1px solid var(--ops-border);
      margin-top: 8px;
    }
  `,
})
export class MetricsPanelComponent {
  readonly metrics = input.required<MetricsView>();
  protected readonly rows = computed(() => flattenMetrics(this.metrics()));
  protected readonly tiles = computed<MetricTile[]>(() => {
    const op = this.metrics().operational;
    const n = (key: Exclude<keyof MetricsView['operational'], 'counters'>): number => op[key];
    const p95 = this.metrics().commandDurations.p95Ms;
    return [
      { key: 'agentCommandPolls', value: n('agentCommandPolls'), alert: false },
      { key: 'commandsDispatched', value: n('commandsDispatched'), alert: false },
      { key: 'commandsCompleted', value: n('commandsCompleted'), alert: false },
      { key: 'commandsFailed', value: n('commandsFailed'), alert: n('commandsFailed') > 0 },
      {
        key: 'prepareFailures',
        value: n('actionPrepareTimeouts') + n('actionPrepareFailures'),
        alert: n('actionPrepareTimeouts') + n('actionPrepareFailures') > 0,
      },
      {
        key: 'oversizedResults',
        value: n('oversizedCommandResultsRejected'),
        alert: n('oversizedCommandResultsRejected') > 0,
      },
      {
        key: 'staleOnlineAgents',
        value: n('staleOnlineAgents'),
        alert: n('staleOnlineAgents') > 0,
      },
      { key: 'p95', value: typeof p95 === 'number' ? formatDuration(p95) : '-', alert: false },
    ];
  });
}
