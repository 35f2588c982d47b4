import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { LiveEvent, LiveEventInput } from './live-event';

/** Events kept for `Last-Event-ID` resume. */
export const LIVE_RING_SIZE = 1000;

export interface LiveSubscription {
  /** Events after the client's `Last-Event-ID`, or `'reset'` when they can no longer be told (reload everything). */
  readonly missed: readonly LiveEvent[] | 'reset';
  close(): void;
}

/**
 * Fan-out of live events to the open streams, with a bounded replay ring. Abstract so a
 * multi-replica deployment (PostgreSQL) can feed the same interface from LISTEN/NOTIFY: its
 * `publish` would NOTIFY, its listener would deliver locally, and `active` would say whether any
 * replica has a watcher. The in-process implementation below is the default.
 */
export abstract class LiveEventHub {
  /** True while someone watches; publishers skip all work otherwise. */
  abstract readonly active: boolean;
  abstract publish(event: LiveEventInput): void;
  /** `lastEventId`: the id the client saw last (reconnect); undefined for a fresh stream. */
  abstract subscribe(listener: (event: LiveEvent) => void, lastEventId?: string): LiveSubscription;
  /** Called with true when the first watcher arrives and false when the last one leaves. */
  abstract onActiveChange(listener: (active: boolean) => void): void;
  /** Open subscriptions (diagnostics and tests). */
  abstract readonly size: number;
}

/**
 * One process: listeners in a Set, the last LIVE_RING_SIZE events in a ring. Ids are
 * `<epoch>-<seq>`; a restart (new epoch) or a gap (nobody watched, so nothing was recorded)
 * turns a resume into `'reset'`.
 */
@Injectable()
export class InProcessLiveEventHub extends LiveEventHub {
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly activity: ((active: boolean) => void)[] = [];
  private readonly ring: LiveEvent[] = [];
  private seq = 0;
  /** Sequence numbers up to this one were never recorded (nobody watched): resume before it is impossible. */
  private gapSeq = 0;

  get active(): boolean {
    return this.listeners.size > 0;
  }

  get size(): number {
    return this.listeners.size;
  }

  onActiveChange(listener: (active: boolean) => void): void {
    this.activity.push(listener);
  }

  publish(input: LiveEventInput): void {
    if (!this.active) return;
    this.seq += 1;
    const event: LiveEvent = { ...input, id: `${this.epoch}-${this.seq}` };
    this.ring.push(event);
    if (this.ring.length > LIVE_RING_SIZE) this.ring.shift();
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: (event: LiveEvent) => void, lastEventId?: string): LiveSubscription {
    if (this.listeners.size === 0) {
      // Whatever happened while nobody watched was not recorded.
      this.seq += 1;
      this.gapSeq = this.seq;
    }
    const missed = lastEventId === undefined ? [] : this.missedAfter(lastEventId);
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.notify(true);
    let closed = false;
    return {
      missed,
      close: () => {
        if (closed) return;
        closed = true;
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.notify(false);
      },
    };
  }

  private missedAfter(lastEventId: string): LiveEvent[] | 'reset' {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId);
    if (!match || match[1] !== this.epoch) return 'reset';
    const last = Number(match[2]);
    if (last > this.seq || last < this.gapSeq) return 'reset';
    const oldest = this.ring[0] ? Number(this.ring[0].id.split('-')[1]) : this.seq + 1;
    if (last + 1 < oldest && last < this.seq) return 'reset';
    return this.ring.filter((e) => Number(e.id.split('-')[1]) > last);
  }

  private notify(active: boolean): void {
    for (const listener of this.activity) listener(active);
  }
}
