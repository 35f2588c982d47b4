import type { OnModuleDestroy } from '@nestjs/common';

/** Who is told how a wait ended: `true` when signalled, `false` on timeout, close or shutdown. */
export interface SubscriptionWaiter {
  wake(woke: boolean): void;
}

/**
 * A latched subscription: a signal that arrives while nobody is awaiting is remembered, so the
 * "check the database, then wait" sequence of a long-poll cannot miss a command created in
 * between (subscribe first, then check, then wait).
 */
export interface NotifierSubscription {
  /** Resolves `true` when signalled (now or earlier), `false` on timeout, abort or shutdown. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /**
   * `wait` without a promise, for a holder that keeps nothing suspended while it waits (a parked poll,
   * docs/performance.md, "What limits the fleet"): `waiter.wake` runs once, synchronously when the
   * subscription is already signalled or closed or `timeoutMs` is not positive.
   */
  arm(timeoutMs: number, waiter: SubscriptionWaiter): void;
  /** Drops the subscription; a pending `wait` resolves `false`. Idempotent. */
  close(): void;
}

/**
 * Wake-ups for long-polls (per agent) and prepare requests (per command) (docs/design/decisions.md,
 * "Long-poll"). The in-memory implementation below fans out within one process; the cluster one
 * (cluster-command-notifier.ts) carries the signals across replicas and feeds it.
 */
export abstract class CommandNotifier {
  /** A command for this agent became claimable (created, retried). */
  abstract notifyAgent(agentId: string): void;
  /** This command reached a terminal state. */
  abstract notifyCommand(commandId: string): void;
  abstract subscribeAgent(agentId: string): NotifierSubscription;
  abstract subscribeCommand(commandId: string): NotifierSubscription;
  /** Number of open subscriptions (diagnostics and tests). */
  abstract size(): number;
  /** Resolves every waiter with `false` (application shutdown). */
  abstract releaseAll(): void;
}

const TICK_MS = 50;

class Subscription implements NotifierSubscription {
  signalled = false;
  deadline = Number.POSITIVE_INFINITY;
  /** The notifier's timeout bucket while armed. */
  bucket: number | undefined;
  private waiter: SubscriptionWaiter | undefined;
  private closed = false;
  private onAbort: (() => void) | undefined;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly owner: InMemoryCommandNotifier,
    readonly key: string,
  ) {}

  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (!this.signalled && signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      this.arm(timeoutMs, { wake: resolve });
      if (signal && this.waiter) {
        this.signal = signal;
        this.onAbort = () => this.settle(false);
        signal.addEventListener('abort', this.onAbort, { once: true });
      }
    });
  }

  arm(timeoutMs: number, waiter: SubscriptionWaiter): void {
    if (this.signalled) {
      this.signalled = false;
      return waiter.wake(true);
    }
    if (this.closed || timeoutMs <= 0) return waiter.wake(false);
    this.waiter = waiter;
    this.deadline = this.owner.nowMs() + timeoutMs;
    this.owner.arm(this);
  }

  /** Called by the notifier: wake a waiter, or latch the signal for the next `wait`. */
  fire(): void {
    if (this.waiter) this.settle(true);
    else this.signalled = true;
  }

  settle(value: boolean): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    this.deadline = Number.POSITIVE_INFINITY;
    this.owner.disarm(this);
    if (this.signal && this.onAbort) this.signal.removeEventListener('abort', this.onAbort);
    this.signal = undefined;
    this.onAbort = undefined;
    waiter?.wake(value);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settle(false);
    this.owner.remove(this);
  }
}

/**
 * Single-process notifier. Waiters live in maps keyed by agent or command id, so a wake-up
 * costs one map lookup. Timeouts are handled by ONE shared ticker that runs only while
 * someone is waiting (no timer per waiting agent, no database polling). Armed waiters sit in
 * buckets of TICK_MS by deadline, so a tick touches only the waiters that are due, not the
 * whole fleet's parked polls (20,000 of them, 20 times a second).
 */
export class InMemoryCommandNotifier extends CommandNotifier implements OnModuleDestroy {
  private readonly subscriptions = new Map<string, Set<Subscription>>();
  private readonly buckets = new Map<number, Set<Subscription>>();
  private armedCount = 0;
  /** The first bucket not yet expired by a tick. */
  private nextBucket = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly clockMs: () => number = () => Date.now()) {
    super();
  }

  nowMs(): number {
    return this.clockMs();
  }

  notifyAgent(agentId: string): void {
    this.fire(`agent:${agentId}`);
  }

  notifyCommand(commandId: string): void {
    this.fire(`command:${commandId}`);
  }

  subscribeAgent(agentId: string): NotifierSubscription {
    return this.subscribe(`agent:${agentId}`);
  }

  subscribeCommand(commandId: string): NotifierSubscription {
    return this.subscribe(`command:${commandId}`);
  }

  size(): number {
    let n = 0;
    for (const set of this.subscriptions.values()) n += set.size;
    return n;
  }

  /**
   * Signals every subscription, so every parked poll and prepare re-checks the database once
   * (after the cluster bus may have lost messages).
   */
  wakeAll(): void {
    for (const set of [...this.subscriptions.values()]) for (const sub of [...set]) sub.fire();
  }

  releaseAll(): void {
    for (const set of [...this.subscriptions.values()]) for (const sub of [...set]) sub.close();
    this.stopTicker();
  }

  /** Before the HTTP server and the database close, so held polls answer promptly. */
  onModuleDestroy(): void {
    this.releaseAll();
  }

  arm(sub: Subscription): void {
    if (!this.ticker) {
      this.nextBucket = Math.floor(this.nowMs() / TICK_MS);
      this.ticker = setInterval(() => this.tick(), TICK_MS);
      this.ticker.unref();
    }
    // A deadline already behind the ticker (an injected clock moved back) expires on the next tick.
    const bucket = Math.max(Math.ceil(sub.deadline / TICK_MS), this.nextBucket);
    let set = this.buckets.get(bucket);
    if (!set) {
      set = new Set();
      this.buckets.set(bucket, set);
    }
    set.add(sub);
    sub.bucket = bucket;
    this.armedCount++;
  }

  disarm(sub: Subscription): void {
    if (sub.bucket === undefined) return;
    const set = this.buckets.get(sub.bucket);
    if (set?.delete(sub) && set.size === 0) this.buckets.delete(sub.bucket);
    sub.bucket = undefined;
    this.armedCount--;
    if (this.armedCount === 0) this.stopTicker();
  }

  remove(sub: Subscription): void {
    const set = this.subscriptions.get(sub.key);
    if (!set) return;
    set.delete(sub);
    if (set.size === 0) this.subscriptions.delete(sub.key);
  }

  private subscribe(key: string): Subscription {
    const sub = new Subscription(this, key);
    let set = this.subscriptions.get(key);
    if (!set) {
      set = new Set();
      this.subscriptions.set(key, set);
    }
    set.add(sub);
    return sub;
  }

  /**
   * Wakes every subscriber of the key. Several polls of one agent all wake; the conditional
   * claim decides which of them gets the command, the others wait again.
   */
  private fire(key: string): void {
    const set = this.subscriptions.get(key);
    if (!set) return;
    for (const sub of [...set]) sub.fire();
  }

  /** Expires every bucket whose end has passed: each waiter in it has `deadline <= now`. */
  private tick(): void {
    const upTo = Math.floor(this.nowMs() / TICK_MS);
    for (let k = this.nextBucket; k <= upTo; k++) {
      const due = this.buckets.get(k);
      if (!due) continue;
      this.buckets.delete(k);
      for (const sub of due) sub.settle(false);
    }
    this.nextBucket = Math.max(this.nextBucket, upTo + 1);
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
