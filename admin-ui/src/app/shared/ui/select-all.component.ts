import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Selection } from '../util/selection';

/** The header checkbox of a selectable table: all, some (indeterminate) or none of `ids`. */
@Component({
  selector: 'app-select-all',
  imports: [MatCheckboxModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mat-checkbox
    [checked]="selection().allOf(ids())"
    [indeterminate]="selection().count() > 0 && !selection().allOf(ids())"
    [disabled]="ids().length === 0"
    (change)="selection().setAll(ids(), $event.checked)"
    [aria-label]="'bulk.selectAll' | t"
    data-testid="select-all"
  />`,
})
export class SelectAllComponent {
  readonly selection = input.required<Selection>();
  readonly ids = input.required<readonly string[]>();
}
