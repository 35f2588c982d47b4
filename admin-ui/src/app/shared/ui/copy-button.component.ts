import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18nService } from '../../core/i18n/i18n.service';
import { Notifier } from './notifier.service';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea fallback (plain-HTTP origins have no clipboard API)
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

@Component({
  selector: 'app-copy-button',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (label()) {
      <button mat-stroked-button type="button" (click)="copy($event)" [attr.data-testid]="testId()">
        <mat-icon>content_copy</mat-icon>{{ label() }}
      </button>
    } @else {
      <button
        mat-icon-button
        type="button"
        class="small-icon"
        (click)="copy($event)"
        [attr.aria-label]="i18n.t('common.copy')"
        [matTooltip]="i18n.t('common.copy')"
        [attr.data-testid]="testId()"
      >
        <mat-icon>content_copy</mat-icon>
      </button>
    }
  `,
  styles: `
    .small-icon {
      --mat-icon-button-state-layer-size: 26px;
      width: 26px;
      height: 26px;
      padding: 1px;
    }
    .small-icon .mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
  `,
})
export class CopyButtonComponent {
  protected readonly i18n = inject(I18nService);
  private readonly notifier = inject(Notifier);
  readonly text = input.required<string>();
  readonly label = input<string | null>(null);
  readonly testId = input<string | null>(null);

  async copy(event: Event): Promise<void> {
    event.stopPropagation();
    const ok = await copyText(this.text());
    if (ok) {
      this.notifier.success('common.copied');
    } else {
      this.notifier.error(this.i18n.t('common.copyFailed'));
    }
  }
}
