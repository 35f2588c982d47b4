import { DestroyRef, effect, inject, untracked } from '@angular/core';
import { debounceTime } from 'rxjs';
import { LiveEvents, LiveTopic } from './live-events.service';

/** Changes arriving together (a sweep, a bulk operation) cause one reload. */
const DEBOUNCE_MS = 250;
/** Without a live stream (reconnecting, or refused by a proxy) pages poll this slowly instead. */
const FALLBACK_POLL_MS = 30_000;

export interface LiveRefreshOptions {
  /** Detail pages: only changes naming one of these ids (the service and its agent...). */
  ids?: () => readonly string[] | null;
}

/**
 * Reloads a page's data in place when the server reports a change to what it shows, unless the
 * operator paused live updates (resuming reloads once). Falls back to a slow poll while the live
 * stream is down, and stops with the component.
 */
export function liveRefresh(
  topics: readonly LiveTopic[],
  reload: () => void,
  options: LiveRefreshOptions = {},
): void {
  const live = inject(LiveEvents);
  const destroyRef = inject(DestroyRef);
  const sub = live
    .changes(topics, options.ids)
    .pipe(debounceTime(DEBOUNCE_MS))
    .subscribe(() => {
      if (!live.paused()) reload();
    });
  let wasPaused = live.paused();
  const resume = effect(() => {
    const paused = live.paused();
    if (wasPaused && !paused) untracked(reload);
    wasPaused = paused;
  });
  const poll = setInterval(() => {
    const hidden = typeof document !== 'undefined' && document.hidden;
    if (live.state() !== 'live' && !live.paused() && !hidden) reload();
  }, FALLBACK_POLL_MS);
  destroyRef.onDestroy(() => {
    sub.unsubscribe();
    resume.destroy();
    clearInterval(poll);
  });
}

/** Health changes of these services (the ones on screen) raise a toast while the component lives. */
export function watchServices(ids: () => readonly string[]): void {
  const live = inject(LiveEvents);
  const owner = {};
  const ref = effect(() => live.watchServices(owner, ids()));
  inject(DestroyRef).onDestroy(() => {
    ref.destroy();
    live.unwatch(owner);
  });
}
