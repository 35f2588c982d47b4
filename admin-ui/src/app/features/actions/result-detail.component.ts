import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { getPath } from '../../shared/util/format';
import { ResultCellComponent } from './result-cell.component';
import { ActionLaunch, ResultActionLink, ResultDetail, launchFor } from './result-model';

/** `data.detail` (or a prepared `currentState.detail`) as a key/value card with actions. */
@Component({
  selector: 'app-result-detail',
  imports: [MatButtonModule, TranslatePipe, ResultCellComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card detail" data-testid="result-detail">
      <div class="toolbar">
        <h3 class="spacer">{{ detail().title ?? ('result.detail' | t) }}</h3>
        @for (a of detail().actions; track $index) {
          <button
            mat-stroked-button
            type="button"
            [class.danger-text]="a.danger"
            [disabled]="!canLaunch(a)"
            (click)="launch.emit(launchOf(a))"
            [attr.data-testid]="'detail-action-' + a.action"
          >
            {{ a.label }}
          </button>
        }
      </div>
      <table class="kv">
        @for (f of detail().fields; track f.key) {
          <tr>
            <th>{{ f.label }}</th>
            <td>
              <app-result-cell
                [value]="value(f.key)"
                [format]="f.format"
                [copyable]="f.copyable"
                [ellipsis]="f.ellipsis"
              />
            </td>
          </tr>
        }
      </table>
    </section>
  `,
  styles: `
    h3 {
      font-size: 14px;
      font-weight: 500;
      margin: 2px 0 6px;
    }
  `,
})
export class ResultDetailComponent {
  readonly detail = input.required<ResultDetail>();
  readonly available = input<readonly string[] | null>(null);
  readonly launch = output<ActionLaunch>();

  protected value(key: string): unknown {
    const data = this.detail().data;
    return key in data ? data[key] : getPath(data, key);
  }

  protected canLaunch(link: ResultActionLink): boolean {
    const available = this.available();
    return available === null || available.includes(link.action);
  }

  protected launchOf(link: ResultActionLink): ActionLaunch {
    return launchFor(link, this.detail().data);
  }
}
