import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { getPath } from '../../shared/util/format';
import { ResultCellComponent } from './result-cell.component';
import { ActionLaunch, ResultActionLink, ResultList, launchFor, rowKey } from './result-model';
import { JsonObject } from '../../api/view-types';

/** `data.list` as a table: columns with formats, client paging, row and page actions. */
@Component({
  selector: 'app-result-table',
  imports: [MatButtonModule, MatPaginatorModule, TranslatePipe, ResultCellComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="result-list" data-testid="result-list">
      <div class="toolbar">
        <h3 class="spacer">
          {{ list().title ?? ('result.list' | t) }}
          <span class="count" data-testid="result-row-count">{{
            'result.rows' | t: { n: list().rows.length }
          }}</span>
        </h3>
        @for (a of list().pageActions; track $index) {
          <button
            mat-stroked-button
            type="button"
            [class.danger-text]="a.danger"
            [disabled]="!canLaunch(a)"
            (click)="launch.emit(page(a))"
            [attr.data-testid]="'page-action-' + a.action"
          >
            {{ a.label }}
          </button>
        }
      </div>
      @if (list().rows.length) {
        <div class="table-wrap">
          <table class="data-table" data-testid="result-table">
            <thead>
              <tr>
                @for (c of list().columns; track c.key) {
                  <th [style.width]="c.width ?? null">{{ c.label }}</th>
                }
                @if (list().rowActions.length) {
                  <th class="actions-cell">{{ 'common.operations' | t }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of visibleRows(); track key(row, $index)) {
                <tr [attr.data-testid]="'result-row-' + key(row, $index)">
                  @for (c of list().columns; track c.key) {
                    <td>
                      <app-result-cell
                        [value]="cell(row, c.key)"
                        [format]="c.format"
                        [copyable]="c.copyable"
                        [ellipsis]="c.ellipsis"
                      />
                    </td>
                  }
                  @if (list().rowActions.length) {
                    <td class="actions-cell">
                      @for (a of list().rowActions; track $index) {
                        <button
                          mat-button
                          type="button"
                          [class.danger-text]="a.danger"
                          [disabled]="!canLaunch(a) || busy()"
                          (click)="launch.emit(rowLaunch(a, row))"
                          [attr.data-testid]="'row-action-' + a.action"
                        >
                          {{ a.label }}
                        </button>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (list().rows.length > list().pageSize) {
          <mat-paginator
            [length]="list().rows.length"
            [pageSize]="list().pageSize"
            [pageIndex]="pageIndex()"
            [hidePageSize]="true"
            (page)="onPage($event)"
          />
        }
      } @else {
        <p class="muted empty" data-testid="result-list-empty">
          {{ list().emptyText ?? ('common.noData' | t) }}
        </p>
      }
    </section>
  `,
  styles: `
    h3 {
      font-size: 14px;
      font-weight: 500;
      margin: 4px 0;
    }
    .count {
      font-weight: 400;
      font-size: 12px;
      color: var(--ops-text-2);
      background: var(--ops-border-soft);
      border-radius: 8px;
      padding: 0 6px;
      margin-left: 6px;
    }
    .empty {
      padding: 12px 0;
    }
  `,
})
export class ResultTableComponent {
  readonly list = input.required<ResultList>();
  /** Action names in the service catalog; links to unknown actions are disabled. */
  readonly available = input<readonly string[] | null>(null);
  readonly busy = input(false);
  readonly launch = output<ActionLaunch>();
  protected readonly pageIndex = signal(0);
  protected readonly visibleRows = computed(() => {
    const list = this.list();
    if (list.rows.length <= list.pageSize) {
      return list.rows;
    }
    const start = this.pageIndex() * list.pageSize;
    return list.rows.slice(start, start + list.pageSize);
  });

  protected cell(row: JsonObject, key: string): unknown {
    return key in row ? row[key] : getPath(row, key);
  }

  protected key(row: JsonObject, index: number): string {
    return rowKey(row, index);
  }

  protected canLaunch(link: ResultActionLink): boolean {
    const available = this.available();
    return available === null || available.includes(link.action);
  }

  protected rowLaunch(link: ResultActionLink, row: JsonObject): ActionLaunch {
    return launchFor(link, row);
  }

  protected page(link: ResultActionLink): ActionLaunch {
    return launchFor(link, {});
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }
}
