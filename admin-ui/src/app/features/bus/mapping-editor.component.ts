import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { prettyJson } from '../../shared/util/format';
import { MappingIssue, MappingRow, emptyRow, mappingFromRows } from './input-mapping';

/** Issues that only make sense once the operator tried to save (an unfinished row is not wrong yet). */
const NEEDS_SUBMIT = new Set(['fieldRequired', 'expressionRequired']);

/**
 * `inputMapping` editor: rows of `field ← expression` with the syntax in a short help, live
 * client-side checks and the server's `inputMapping.<field>` issues under the matching row.
 */
@Component({
  selector: 'app-bus-mapping-editor',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="mapping"
      data-testid="mapping-editor"
      [attr.aria-label]="'bus.mapping.title' | t"
    >
      <div class="mapping-head">
        <h3>{{ 'bus.mapping.title' | t }}</h3>
        <span class="spacer"></span>
        <button
          mat-stroked-button
          type="button"
          (click)="add()"
          [disabled]="disabled()"
          data-testid="mapping-add"
        >
          <mat-icon>add</mat-icon>{{ 'bus.mapping.add' | t }}
        </button>
      </div>
      @if (rows().length === 0) {
        <p class="muted" data-testid="mapping-empty">{{ 'bus.mapping.empty' | t }}</p>
      }
      @for (row of rows(); track row.key; let i = $index) {
        <div class="mapping-row" [attr.data-testid]="'mapping-row-' + i">
          <mat-form-field class="field">
            <mat-label>{{ 'bus.mapping.field' | t }}</mat-label>
            <input
              matInput
              class="mono"
              [value]="row.field"
              (input)="set(i, 'field', $event)"
              [disabled]="disabled()"
              placeholder="message"
              autocomplete="off"
              spellcheck="false"
              [attr.aria-invalid]="rowErrors()[i] ? true : null"
              [attr.data-testid]="'mapping-field-' + i"
            />
          </mat-form-field>
          <mat-icon class="arrow" aria-hidden="true">west</mat-icon>
          <mat-form-field class="expression">
            <mat-label>{{ 'bus.mapping.expression' | t }}</mat-label>
            <input
              matInput
              class="mono"
              [value]="row.expression"
              (input)="set(i, 'expression', $event)"
              [disabled]="disabled()"
              placeholder="$.payload.text"
              autocomplete="off"
              spellcheck="false"
              [attr.aria-invalid]="rowErrors()[i] ? true : null"
              [attr.data-testid]="'mapping-expression-' + i"
            />
          </mat-form-field>
          <button
            mat-icon-button
            type="button"
            (click)="remove(i)"
            [disabled]="disabled()"
            [matTooltip]="'bus.mapping.remove' | t"
            [attr.aria-label]="'bus.mapping.remove' | t"
            [attr.data-testid]="'mapping-remove-' + i"
          >
            <mat-icon>delete_outline</mat-icon>
          </button>
        </div>
        @if (rowErrors()[i]; as message) {
          <div class="row-error" role="alert" [attr.data-testid]="'mapping-error-' + i">
            {{ message }}
          </div>
        }
      }
      @for (message of generalErrors(); track message) {
        <div class="row-error" role="alert" data-testid="mapping-error">{{ message }}</div>
      }
      <div class="help muted" data-testid="mapping-help">
        <div><code>$.payload.a.0.b</code> {{ 'bus.mapping.help.payload' | t }}</div>
        <div>
          <code>$.metadata.x</code> · <code>$.id</code> · <code>$.eventType</code> ·
          <code>$.sourceServiceCode</code> · <code>$.correlationId</code>
          {{ 'bus.mapping.help.event' | t }}
        </div>
        <div><code>$$text</code> {{ 'bus.mapping.help.dollar' | t }}</div>
        <div>
          <code>bus</code> · <code>42</code> · <code>true</code> · <code>"42"</code> ·
          <code>{{ '{' }}"a": "$.payload.x"{{ '}' }}</code> {{ 'bus.mapping.help.literal' | t }}
        </div>
      </div>
      @if (rows().length) {
        <details class="preview">
          <summary>{{ 'bus.mapping.preview' | t }}</summary>
          <pre class="json-block" data-testid="mapping-json">{{ json() }}</pre>
        </details>
      }
    </section>
  `,
  styles: `
    .mapping {
      display: flex;
      flex-direction: column;
      gap: 4px;
      border-top: 1px solid var(--ops-border);
      padding-top: 8px;
      margin-top: 4px;
    }
    .mapping-head {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .mapping-head h3 {
      margin: 0;
      font-size: 14px;
      font-weight: 500;
    }
    .mapping-row {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .mapping-row .field {
      flex: 0 0 34%;
    }
    .mapping-row .expression {
      flex: 1 1 auto;
    }
    .arrow {
      color: var(--ops-muted);
    }
    .row-error {
      color: var(--ops-danger);
      font-size: 12px;
      margin: -2px 0 4px;
    }
    .help {
      font-size: 12px;
      line-height: 1.6;
      background: var(--ops-surface-2);
      border: 1px solid var(--ops-border-soft);
      border-radius: 6px;
      padding: 6px 10px;
    }
    .help code {
      font-size: 11.5px;
      background: var(--ops-border-soft);
      border-radius: 3px;
      padding: 0 3px;
    }
    .preview summary {
      cursor: pointer;
      font-size: 12px;
      color: var(--ops-text-2);
    }
  `,
})
export class BusMappingEditorComponent {
  private readonly i18n = inject(I18nService);
  readonly rows = model.required<MappingRow[]>();
  /** Server problems by field name (already translated). */
  readonly serverErrors = input<Record<string, string>>({});
  /** Shows "required" issues too (after the first save attempt). */
  readonly submitted = input(false);
  readonly disabled = input(false);

  protected readonly result = computed(() => mappingFromRows(this.rows()));
  protected readonly json = computed(() => prettyJson(this.result().mapping));
  protected readonly rowErrors = computed<Record<number, string>>(() => {
    const out: Record<number, string> = {};
    const visible = this.visibleIssues();
    this.rows().forEach((row, index) => {
      const own = visible
        .filter((issue) => issue.row === index)
        .map((issue) => this.describe(issue));
      const server = this.serverErrors()[row.field.trim()];
      const messages = server ? [...own, server] : own;
      if (messages.length) {
        out[index] = messages.join(' · ');
      }
    });
    return out;
  });
  protected readonly generalErrors = computed(() =>
    this.visibleIssues()
      .filter((i) => i.row < 0)
      .map((i) => this.describe(i)),
  );

  private visibleIssues(): MappingIssue[] {
    const submitted = this.submitted();
    return this.result().issues.filter((issue) => submitted || !NEEDS_SUBMIT.has(issue.code));
  }

  private describe(issue: MappingIssue): string {
    return this.i18n.t(`bus.mapping.issue.${issue.code}`, issue.params);
  }

  add(): void {
    this.rows.update((rows) => [...rows, emptyRow()]);
  }

  remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
  }

  set(index: number, key: 'field' | 'expression', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.rows.update((rows) =>
      rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)),
    );
  }
}
