import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { SettingsApi } from '../../api/settings.api';
import { JsonObject, isJsonObject } from '../../api/view-types';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { createLoader } from '../../shared/util/loader';
import { ErrorAlertComponent } from '../../shared/ui/error-alert.component';
import { JsonBlockComponent } from '../../shared/ui/json-block.component';
import { DiagRow, diagRows } from './diagnostics-format';

interface Section {
  name: string;
  rows: DiagRow[];
}

/** Groups the runtime diagnostics: top-level facts as "runtime", then one section per object. */
export function diagnosticsSections(
  data: JsonObject,
  locale: string,
  yesNo: (b: boolean) => string,
): Section[] {
  const runtime = Object.fromEntries(Object.entries(data).filter(([, v]) => !isJsonObject(v)));
  const sections: Section[] = [{ name: 'runtime', rows: diagRows(runtime, locale, yesNo) }];
  for (const [name, value] of Object.entries(data)) {
    if (isJsonObject(value)) sections.push({ name, rows: diagRows(value, locale, yesNo) });
  }
  return sections.filter((s) => s.rows.length > 0);
}

/** Runtime diagnostics card of the Settings page (operators and owners): translated labels, readable sizes. */
@Component({
  selector: 'app-diagnostics-panel',
  imports: [
    MatButtonModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    ErrorAlertComponent,
    JsonBlockComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <h2 class="spacer">{{ 'settings.diagnostics' | t }}</h2>
      <button mat-button type="button" (click)="load()">
        <mat-icon>refresh</mat-icon>{{ 'common.refresh' | t }}
      </button>
    </div>
    @if (diagnostics.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <app-error-alert [error]="diagnostics.error()" (retry)="load()" />
    @if (diagnostics.value(); as d) {
      <div class="sections" data-testid="diagnostics">
        @for (section of sections(); track section.name) {
          <section>
            <h3>{{ label(section.name) }}</h3>
            <table class="kv">
              @for (row of section.rows; track row.path.join('.')) {
                <tr>
                  <th scope="row">{{ pathLabel(row.path) }}</th>
                  <td [class.mono]="row.mono">{{ row.value }}</td>
                </tr>
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
    .sections {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(360px, 100%), 1fr));
      gap: 8px 16px;
    }
    h3 {
      font-size: 13px;
      font-weight: 500;
      color: var(--ops-text-2);
      margin: 6px 0 4px;
    }
    .raw {
      box-shadow: none;
      border: 1px solid var(--ops-border);
      margin-top: 8px;
    }
    .sections .kv th {
      width: 50%;
    }
    .sections .kv td {
      word-break: break-all;
    }
  `,
})
export class DiagnosticsPanelComponent {
  private readonly api = inject(SettingsApi);
  private readonly i18n = inject(I18nService);
  protected readonly diagnostics = createLoader<JsonObject>();
  protected readonly sections = computed(() => {
    const value = this.diagnostics.value();
    return value
      ? diagnosticsSections(value, this.i18n.language(), (b) =>
          this.i18n.t(b ? 'common.yes' : 'common.no'),
        )
      : [];
  });

  constructor() {
    this.load();
  }

  load(): void {
    this.diagnostics.load(this.api.diagnostics());
  }

  label(key: string): string {
    return this.i18n.tOr(`diag.${key}`, key);
  }

  /** `maintenance › settings › …` with each known segment translated; table names stay as they are. */
  pathLabel(path: readonly string[]): string {
    return path.map((p) => this.label(p)).join(' › ');
  }
}
