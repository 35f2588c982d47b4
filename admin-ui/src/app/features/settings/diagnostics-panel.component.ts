import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { SettingsApi } from '../../api/settings.api';
import { JsonObject, isJsonObject } from '../../api/models/common';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { createLoader } from '../../shared/util/loader';
import { formatBytes } from '../../shared/util/format';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { flattenMetrics } from './metrics-panel.component';

interface Section {
  name: string;
  rows: { key: string; value: string }[];
}

const RUNTIME_KEYS = ['version', 'edition', 'node', 'platform', 'arch', 'uptimeSeconds', 'pid'];

/** Groups the runtime diagnostics: runtime facts, memory (human bytes), then every other object. */
export function diagnosticsSections(data: JsonObject): Section[] {
  const runtime = RUNTIME_KEYS.filter((k) => k in data).map((k) => ({ key: k, value: String(data[k]) }));
  const sections: Section[] = [{ name: 'runtime', rows: runtime }];
  for (const [name, value] of Object.entries(data)) {
    if (!isJsonObject(value)) {
      continue;
    }
    const rows =
      name === 'memory'
        ? Object.entries(value).map(([k, v]) => ({ key: k, value: typeof v === 'number' ? `${formatBytes(v)} (${v})` : String(v) }))
        : flattenMetrics(value);
    sections.push({ name, rows });
  }
  return sections.filter((s) => s.rows.length > 0);
}

/** Runtime diagnostics card of the Settings page (operators and owners). */
@Component({
  selector: 'app-diagnostics-panel',
  imports: [MatButtonModule, MatExpansionModule, MatIconModule, MatProgressBarModule, TranslatePipe, ErrorAlertComponent, JsonBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <h2 class="spacer">{{ 'settings.diagnostics' | t }}</h2>
      <button mat-button type="button" (click)="load()"><mat-icon>refresh</mat-icon>{{ 'common.refresh' | t }}</button>
    </div>
    @if (diagnostics.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <app-error-alert [error]="diagnostics.error()" (retry)="load()" />
    @if (diagnostics.value(); as d) {
      <div class="sections" data-testid="diagnostics">
        @for (section of sections(); track section.name) {
          <section>
            <h3>{{ section.name }}</h3>
            <table class="kv">
              @for (row of section.rows; track row.key) {
                <tr><th class="mono">{{ row.key }}</th><td class="mono">{{ row.value }}</td></tr>
              }
            </table>
          </section>
        }
      </div>
      <mat-expansion-panel class="raw">
        <mat-expansion-panel-header>
          <mat-panel-title>{{ 'common.rawJson' | t }}</mat-panel-title>
        </mat-expansion-panel-header>
        <app-json-block [value]="d" />
      </mat-expansion-panel>
    }
  `,
  styles: `
    .sections { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 8px 16px; }
    h3 { font-size: 13px; font-weight: 500; color: #52606d; margin: 6px 0 4px; text-transform: capitalize; }
    .raw { box-shadow: none; border: 1px solid #e1e5eb; margin-top: 8px; }
    .sections .kv th { width: 50%; }
    .sections .kv td { word-break: break-all; }
  `,
})
export class DiagnosticsPanelComponent {
  private readonly api = inject(SettingsApi);
  protected readonly diagnostics = createLoader<JsonObject>();
  protected readonly sections = computed(() => {
    const value = this.diagnostics.value();
    return value ? diagnosticsSections(value) : [];
  });

  constructor() {
    this.load();
  }

  load(): void {
    this.diagnostics.load(this.api.diagnostics());
  }
}
