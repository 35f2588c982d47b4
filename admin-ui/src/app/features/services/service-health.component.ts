import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HealthReport } from '../../api/models/domain';
import { JsonObject, isJsonObject } from '../../api/models/common';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { DurationPipe } from '../../shared/util/duration.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';

/** Latest health report, plus the "Account Status" table when `details.accounts[]` exists (spec A.10). */
@Component({
  selector: 'app-service-health',
  imports: [TranslatePipe, DateTimePipe, DurationPipe, EmptyStateComponent, JsonBlockComponent, StatusTagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (health(); as h) {
      <table class="kv">
        <tr><th>{{ 'common.status' | t }}</th><td><app-status-tag [value]="h.status" data-testid="health-status" /></td></tr>
        <tr><th>{{ 'health.message' | t }}</th><td>{{ h.message || '-' }}</td></tr>
        <tr><th>{{ 'health.reportedAt' | t }}</th><td>{{ h.reportedAt | dt }}</td></tr>
      </table>
      @if (accounts().length) {
        <h3>{{ 'health.accounts' | t }}</h3>
        <div class="table-wrap">
          <table class="data-table" data-testid="accounts-table">
            <thead>
              <tr>
                <th>{{ 'common.id' | t }}</th>
                <th>{{ 'health.account' | t }}</th>
                <th>{{ 'health.enabled' | t }}</th>
                <th>{{ 'health.healthy' | t }}</th>
                <th>{{ 'health.operation' | t }}</th>
                <th>{{ 'health.cooldown' | t }}</th>
                <th>{{ 'health.failures' | t }}</th>
                <th>{{ 'health.lastError' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (a of accounts(); track $index) {
                <tr>
                  <td class="mono">{{ a['id'] ?? '-' }}</td>
                  <td>{{ a['label'] ?? a['emailMasked'] ?? '-' }}</td>
                  <td><app-status-tag [value]="a['enabled'] === true ? 'YES' : 'NO'" /></td>
                  <td><app-status-tag [value]="a['healthy'] === true ? 'HEALTHY' : 'UNHEALTHY'" /></td>
                  <td>
                    @if (a['operationStatus']) {
                      <app-status-tag [value]="str(a['operationStatus'])" /> {{ a['operationName'] ?? '' }}
                    } @else {
                      -
                    }
                  </td>
                  <td>{{ num(a['cooldownRemainingMs']) | duration }}</td>
                  <td>{{ a['consecutiveFailures'] ?? 0 }}</td>
                  <td class="wrap">{{ a['lastError'] ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      <h3>{{ 'health.details' | t }}</h3>
      <app-json-block [value]="h.details" testId="health-details" />
    } @else {
      <app-empty-state message="services.noHealth" icon="monitor_heart" />
    }
  `,
  styles: `h3 { font-size: 13px; font-weight: 500; margin: 12px 0 6px; }`,
})
export class ServiceHealthComponent {
  readonly health = input.required<HealthReport | null>();
  protected readonly accounts = computed<JsonObject[]>(() => {
    const accounts = this.health()?.details?.['accounts'];
    return Array.isArray(accounts) ? accounts.filter(isJsonObject) : [];
  });

  str(value: unknown): string {
    return typeof value === 'string' ? value : String(value ?? '');
  }

  num(value: unknown): number | null {
    return typeof value === 'number' ? value : null;
  }
}
