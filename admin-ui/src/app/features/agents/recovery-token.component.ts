import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RegistrationTokensApi } from '../../api/registration-tokens.api';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CopyButtonComponent } from '../../shared/ui/copy-button.component';
import { Notifier } from '../../shared/ui/notifier.service';

/**
 * "Create recovery token" on the agent page: a registration token bound to this agent's code,
 * the only kind that can re-register an existing agent (docs/agents.md). Shown once, with copy.
 */
@Component({
  selector: 'app-recovery-token',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      (click)="create()"
      [disabled]="busy()"
      data-testid="agent-recovery-token"
    >
      <mat-icon>key</mat-icon>{{ 'agents.recovery.create' | t }}
    </button>
    @if (token(); as value) {
      <div class="banner warn recovery" role="alert" data-testid="recovery-token">
        <mat-icon aria-hidden="true">key</mat-icon>
        <div class="spacer">
          <strong>{{ 'agents.recovery.title' | t: { code: code() } }}</strong>
          <p>{{ 'agents.recovery.body' | t }}</p>
          <div class="value-row">
            <code class="mono value" data-testid="recovery-token-value">{{ value }}</code>
            <app-copy-button
              [text]="value"
              [label]="'agents.recovery.copy' | t"
              testId="recovery-token-copy"
            />
            <button mat-button type="button" (click)="token.set(null)">
              {{ 'agents.recovery.hide' | t }}
            </button>
          </div>
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .recovery {
      flex-basis: 100%;
    }
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
      border: 1px solid #f1d48a;
      border-radius: 4px;
      padding: 4px 8px;
      word-break: break-all;
      user-select: all;
    }
  `,
})
export class RecoveryTokenComponent {
  private readonly api = inject(RegistrationTokensApi);
  private readonly notifier = inject(Notifier);
  readonly code = input.required<string>();
  protected readonly token = signal<string | null>(null);
  protected readonly busy = signal(false);

  create(): void {
    this.busy.set(true);
    this.api
      .create({
        name: `Recovery for ${this.code()}`,
        expiresInSeconds: 86400,
        agentCode: this.code(),
      })
      .subscribe({
        next: (created) => {
          this.busy.set(false);
          this.token.set(created.token);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.notifier.apiError(err);
        },
      });
  }
}
