import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PublicCommand } from '@opstage/contracts';
import { CommandsApi } from '../../api/commands.api';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ApprovalsBadgeStore } from '../../core/layout/approvals-badge.store';
import { Notifier } from '../../shared/ui/notifier.service';
import { DateTimePipe } from '../../shared/util/dt.pipe';
import { canDecide, isOwnRequest } from './command-rules';

/**
 * Approve or reject a command waiting for a second person (docs/actions-and-commands.md,
 * "Approval"). The requester sees why they cannot decide; the server enforces it anyway.
 */
@Component({
  selector: 'app-approval-panel',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="approval-panel">
      <h2>{{ 'approvals.title' | t }}</h2>
      <p>{{ 'approvals.body' | t: { expiresAt: (command().expiresAt | dt) } }}</p>
      @if (own()) {
        <p class="muted" data-testid="approval-own">{{ 'approvals.ownRequest' | t }}</p>
      } @else if (decidable()) {
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'approvals.comment' | t }}</mat-label>
          <textarea
            matInput
            rows="2"
            maxlength="500"
            [ngModel]="comment()"
            (ngModelChange)="comment.set($event)"
            data-testid="approval-comment"
          ></textarea>
        </mat-form-field>
        <div class="toolbar">
          <button
            mat-flat-button
            type="button"
            [disabled]="busy()"
            (click)="approve()"
            data-testid="approval-approve"
          >
            {{ 'approvals.approve' | t }}
          </button>
          <button
            mat-stroked-button
            type="button"
            class="danger-text"
            [disabled]="busy() || comment().trim() === ''"
            (click)="reject()"
            data-testid="approval-reject"
          >
            {{ 'approvals.reject' | t }}
          </button>
        </div>
      }
    </section>
  `,
})
export class ApprovalPanelComponent {
  private readonly api = inject(CommandsApi);
  private readonly notifier = inject(Notifier);
  private readonly badge = inject(ApprovalsBadgeStore);
  readonly command = input.required<PublicCommand>();
  readonly userId = input<string | null>(null);
  /** The decision was taken (the page reloads the command). */
  readonly decided = output<PublicCommand>();

  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly own = computed(() => isOwnRequest(this.command(), this.userId()));
  protected readonly decidable = computed(() => canDecide(this.command(), this.userId()));

  approve(): void {
    this.busy.set(true);
    this.api.approve(this.command().id, this.comment()).subscribe({
      next: (updated) => this.done(updated, 'approvals.approved'),
      error: (e: unknown) => this.failed(e),
    });
  }

  reject(): void {
    const comment = this.comment().trim();
    if (comment === '') return;
    this.busy.set(true);
    this.api.reject(this.command().id, comment).subscribe({
      next: (updated) => this.done(updated, 'approvals.rejected'),
      error: (e: unknown) => this.failed(e),
    });
  }

  private done(updated: PublicCommand, message: string): void {
    this.busy.set(false);
    this.comment.set('');
    this.notifier.success(message);
    this.badge.refresh();
    this.decided.emit(updated);
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    this.notifier.apiError(error);
  }
}
