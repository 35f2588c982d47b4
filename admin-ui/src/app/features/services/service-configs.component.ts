import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConfigItemResponse } from '@opstage/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../shared/ui/empty-state.component';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';

interface ConfigRow {
  key: string;
  label: string;
  type: string;
  source: string;
  sensitive: boolean;
  editable: boolean;
  preview: string;
  secretRef: string;
}

/** One table row; the server already hides sensitive values, the console masks them once more. */
export function toConfigRow(item: ConfigItemResponse): ConfigRow {
  return {
    key: item.key,
    label: item.label ?? '',
    type: item.type,
    source: item.source ?? '',
    sensitive: item.sensitive,
    editable: item.editable,
    preview: item.sensitive ? '••••••' : (item.valuePreview ?? ''),
    secretRef: item.secretRef ?? '',
  };
}

@Component({
  selector: 'app-service-configs',
  imports: [TranslatePipe, EmptyStateComponent, StatusTagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length) {
      <div class="table-wrap">
        <table class="data-table" data-testid="configs-table">
          <thead>
            <tr>
              <th>{{ 'configs.key' | t }}</th>
              <th>{{ 'configs.label' | t }}</th>
              <th>{{ 'configs.type' | t }}</th>
              <th>{{ 'configs.source' | t }}</th>
              <th>{{ 'configs.sensitive' | t }}</th>
              <th>{{ 'configs.preview' | t }}</th>
              <th>{{ 'configs.secretRef' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of rows(); track c.key) {
              <tr>
                <td class="mono">{{ c.key }}</td>
                <td>{{ c.label || '-' }}</td>
                <td>{{ c.type }}</td>
                <td>{{ c.source || '-' }}</td>
                <td><app-status-tag [value]="c.sensitive ? 'SENSITIVE' : 'NO'" /></td>
                <td class="mono wrap">{{ c.preview || '-' }}</td>
                <td class="mono">{{ c.secretRef || '-' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <p class="muted">{{ 'configs.observedNote' | t }}</p>
    } @else {
      <app-empty-state message="services.noConfigs" icon="tune" />
    }
  `,
})
export class ServiceConfigsComponent {
  readonly configs = input.required<ConfigItemResponse[]>();
  protected readonly rows = computed(() => this.configs().map(toConfigRow));
}
