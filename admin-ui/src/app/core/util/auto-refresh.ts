import { DestroyRef, inject } from '@angular/core';

export interface AutoRefreshHandle {
  stop(): void;
}

/**
 * Calls `tick` every `intervalMs` while the tab is visible (a hidden tab does not poll).
 * When the tab becomes visible again it refreshes at once. Stops with the injecting component.
 */
export function autoRefresh(
  tick: () => void,
  intervalMs: number,
  destroyRef?: DestroyRef,
): AutoRefreshHandle {
  const ref = destroyRef ?? inject(DestroyRef);
  const isHidden = () => typeof document !== 'undefined' && document.hidden;
  const timer = setInterval(() => {
    if (!isHidden()) {
      tick();
    }
  }, intervalMs);
  const onVisibility = () => {
    if (!isHidden()) {
      tick();
    }
  };
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', onVisibility);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    clearInterval(timer);
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', onVisibility);
    }
  };
  ref.onDestroy(stop);
  return { stop };
}
