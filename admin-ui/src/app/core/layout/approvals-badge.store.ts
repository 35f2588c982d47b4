import { Injectable, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { CommandsApi } from '../../api/commands.api';

/**
 * The number of commands waiting for a second person (docs/actions-and-commands.md, "Approval"),
 * shown as a badge on the Commands entry of the navigation. A failed read keeps the last count: a
 * badge is a hint, and the commands page shows the truth.
 */
@Injectable({ providedIn: 'root' })
export class ApprovalsBadgeStore {
  private readonly api = inject(CommandsApi);
  private readonly countSig = signal(0);
  private sub: Subscription | null = null;
  readonly count = this.countSig.asReadonly();

  refresh(): void {
    this.sub?.unsubscribe();
    this.sub = this.api.awaitingApprovalCount().subscribe({
      next: (count) => this.countSig.set(count),
      error: () => undefined,
    });
  }

  clear(): void {
    this.sub?.unsubscribe();
    this.countSig.set(0);
  }
}
