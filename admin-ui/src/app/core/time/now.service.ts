import { Injectable, signal } from '@angular/core';

/** How often relative times ("3 minutes ago") are recomputed. */
const TICK_MS = 5000;

/**
 * A shared clock for relative times: one timer for the whole console instead of one per cell.
 * `now` is a signal, so every "… ago" on screen updates together.
 */
@Injectable({ providedIn: 'root' })
export class NowService {
  private readonly nowSig = signal(Date.now());
  readonly now = this.nowSig.asReadonly();

  constructor() {
    if (typeof window !== 'undefined') {
      setInterval(() => this.nowSig.set(Date.now()), TICK_MS);
    }
  }

  /** Re-reads the time at once (after a refresh, so "updated 0 s ago" is right away). */
  tick(): void {
    this.nowSig.set(Date.now());
  }
}
