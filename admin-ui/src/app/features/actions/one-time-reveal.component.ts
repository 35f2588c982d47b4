import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { CommandsApi } from '../../api/commands.api';
import type { OneTimeState } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../shared/ui/notifier.service';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { OneTimeSecret } from './result-model';
import { SecretRevealComponent } from './secret-reveal.component';

/**
 * One-time result fields: reading a command never reveals them; an operator or owner presses
 * "Reveal" (`POST /commands/:id/reveal`, once, audited) and sees each value once, with copy.
 */
@Component({
  selector: 'app-one-time-reveal',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, DateTimePipe, SecretRevealComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (revealed(); as secrets) {
      @for (secret of secrets; track secret.key) {
        <app-secret-reveal [secret]="secret" />
      }
    } @else if (state().revealable) {
      <div class="banner info" data-testid="one-time-available">
        <mat-icon aria-hidden="true">lock</mat-icon>
        <div class="spacer">
          <strong>{{ 'result.revealTitle' | t }}</strong>
          @if (session.canOperate()) {
            <p>{{ 'result.revealNotice' | t: { expiresAt: (state().expiresAt | dt) } }}</p>
            <button
              mat-flat-button
              type="button"
              (click)="reveal()"
              [disabled]="busy()"
              data-testid="one-time-reveal"
            >
              <mat-icon>visibility</mat-icon>{{ 'result.reveal' | t }}
            </button>
          } @else {
            <p>{{ 'result.revealViewer' | t }}</p>
          }
        </div>
      </div>
    } @else {
      <div class="banner info" data-testid="secret-gone">
        <mat-icon aria-hidden="true">visibility_off</mat-icon>
        <span>{{ 'result.secretGone' | t }}</span>
      </div>
    }
  `,
  styles: `
    p {
      margin: 2px 0 6px;
    }
  `,
})
export class OneTimeRevealComponent {
  private readonly api = inject(CommandsApi);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  readonly commandId = input.required<string>();
  readonly state = input.required<OneTimeState>();
  protected readonly revealed = signal<OneTimeSecret[] | null>(null);
  protected readonly busy = signal(false);

  reveal(): void {
    this.busy.set(true);
    this.api.reveal(this.commandId()).subscribe({
      next: (res) => {
        this.busy.set(false);
        this.revealed.set(
          Object.entries(res.fields).map(([key, value]) => ({
            key,
            value: typeof value === 'string' ? value : JSON.stringify(value),
          })),
        );
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.notifier.apiError(err);
      },
    });
  }
}
