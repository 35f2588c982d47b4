import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CopyButtonComponent } from '../../shared/ui/copy-button.component';
import { OneTimeSecret } from './result-model';

/** A one-time secret: shown once, with copy and a "you will not see this again" notice. */
@Component({
  selector: 'app-secret-reveal',
  imports: [MatIconModule, TranslatePipe, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="banner warn secret" role="alert" data-testid="one-time-secret">
      <mat-icon aria-hidden="true">key</mat-icon>
      <div class="spacer">
        <strong>{{ 'result.secretTitle' | t: { name: secret().key } }}</strong>
        <p>{{ 'result.secretNotice' | t }}</p>
        <div class="value-row">
          <code class="mono value" data-testid="one-time-secret-value">{{ secret().value }}</code>
          <app-copy-button
            [text]="secret().value"
            [label]="'common.copy' | t"
            testId="one-time-secret-copy"
          />
        </div>
      </div>
    </div>
  `,
  styles: `
    p {
      margin: 2px 0 6px;
    }
    .value-row {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
    .value {
      background: var(--ops-surface);
      border: 1px solid var(--ops-warn-border);
      border-radius: 4px;
      padding: 4px 8px;
      word-break: break-all;
      user-select: all;
    }
  `,
})
export class SecretRevealComponent {
  readonly secret = input.required<OneTimeSecret>();
}
