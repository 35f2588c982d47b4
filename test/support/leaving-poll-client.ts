import type { PollClient } from '../../src/commands/parked-poll';

/** A poll client that leaves when told, as an HTTP client's socket `end` or response `close` tells a poll. */
export class LeavingPollClient implements PollClient {
  private left = false;
  /** The poll's listeners while it watches (a parked poll watches; an answered one has let go). */
  readonly listeners = new Set<() => void>();
  /** How many times the poll started watching (a poll that cannot wait never should). */
  watched = 0;

  gone(): boolean {
    return this.left;
  }

  watch(listener: () => void): void {
    this.watched++;
    this.listeners.add(listener);
  }

  unwatch(listener: () => void): void {
    this.listeners.delete(listener);
  }

  leave(): void {
    this.left = true;
    for (const listener of [...this.listeners]) listener();
  }
}
