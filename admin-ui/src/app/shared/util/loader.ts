import { DestroyRef, inject, signal } from '@angular/core';
import { Observable, Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/http/api-error';

/**
 * Loading/data/error signals around one observable source. A new load cancels the previous
 * one (stale responses are ignored). `silent` refreshes keep the current data on screen.
 */
export class Loader<T> {
  readonly value = signal<T | undefined>(undefined);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** When the last load succeeded (epoch ms): the pages' "updated N s ago". */
  readonly loadedAt = signal<number | null>(null);
  private sub: Subscription | null = null;

  constructor(destroyRef: DestroyRef) {
    destroyRef.onDestroy(() => this.sub?.unsubscribe());
  }

  load(source: Observable<T>, options: { silent?: boolean } = {}): void {
    this.sub?.unsubscribe();
    if (!options.silent) {
      this.loading.set(true);
    }
    this.sub = source.subscribe({
      next: (value) => {
        this.value.set(value);
        this.loadedAt.set(Date.now());
        this.error.set(null);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.loading.set(false);
      },
    });
  }
}

export function createLoader<T>(): Loader<T> {
  return new Loader<T>(inject(DestroyRef));
}
