import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

@Component({
  selector: 'app-empty-state',
  imports: [RouterLink, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty" data-testid="empty-state" role="status">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <p>{{ message() | t }}</p>
      @if (ctaLink() && ctaLabel()) {
        <a [routerLink]="ctaLink()">{{ ctaLabel() ?? '' | t }}</a>
      }
    </div>
  `,
  styles: `
    .empty {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      padding: 28px 12px;
      color: var(--ops-muted);
      text-align: center;
    }
    .empty .mat-icon {
      font-size: 32px;
      width: 32px;
      height: 32px;
    }
    .empty p {
      margin: 0;
      max-width: 520px;
    }
  `,
})
export class EmptyStateComponent {
  readonly message = input('common.noData');
  readonly icon = input('inbox');
  readonly ctaLink = input<string | null>(null);
  readonly ctaLabel = input<string | null>(null);
}
