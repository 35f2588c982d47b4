import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatTooltipModule } from '@angular/material/tooltip';
import { CopyButtonComponent } from './copy-button.component';
import { shortId } from '../util/format';

/** `first8...last6` monospace id with the full value in a tooltip and a copy button. */
@Component({
  selector: 'app-short-id',
  imports: [RouterLink, MatTooltipModule, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (id()) {
      <span class="sid">
        @if (link()) {
          <a
            class="mono"
            [routerLink]="link()"
            [matTooltip]="id() ?? ''"
            (click)="$event.stopPropagation()"
            >{{ short() }}</a
          >
        } @else {
          <span class="mono" [matTooltip]="id() ?? ''">{{ short() }}</span>
        }
        @if (copyable()) {
          <app-copy-button [text]="id() ?? ''" />
        }
      </span>
    } @else {
      <span class="muted">-</span>
    }
  `,
  styles: `
    .sid {
      display: inline-flex;
      align-items: center;
      gap: 2px;
    }
  `,
})
export class ShortIdComponent {
  readonly id = input<string | null | undefined>();
  readonly link = input<string | unknown[] | null>(null);
  readonly copyable = input(true);
  protected readonly short = computed(() => shortId(this.id()));
}
