import { Logger } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import type { PublicCommand } from '../contracts';
import type { NotifierSubscription, SubscriptionWaiter } from './command-notifier';

export interface PollResult {
  commands: PublicCommand[];
  cancelledCommandIds: string[];
}

/** A poll's HTTP client as the poll sees it (http-helpers.ts implements it on an Express response). */
export interface PollClient {
  /** The connection closed, or the client ended its side, before the answer was written. */
  gone(): boolean;
  /** `listener` runs when the client may have gone (it checks `gone`), until `unwatch`. */
  watch(listener: () => void): void;
  unwatch(listener: () => void): void;
}

/** Takes a poll's answer. Exactly one of the two runs, once; neither may throw (a throw is logged and dropped). */
export interface PollReceiver {
  polled(result: PollResult): void;
  failed(error: unknown): void;
}

/** What a parked poll needs from the dispatch service. */
export interface PollHost {
  /** One claim of the agent's commands and cancel notices. */
  check(ctx: RequestContext, agentId: string, limit: number, nowIso: string): Promise<PollResult>;
  /** Drops the poll's subscription from the agent's parked list. */
  release(agentId: string, subscription: NotifierSubscription): void;
  nowMs(): number;
  nowIso(): string;
}

const logger = new Logger('CommandDispatch');

/**
 * One command poll, from its first claim to its answer (docs/actions-and-commands.md, "Agent poll and
 * long-poll"). A poll with nothing to claim waits as this record alone, armed on its notifier subscription
 * and watching its client; the notifier's wake-up or timeout calls it back. It replaces a chain of
 * suspended async calls, promises and an AbortController, which were almost half of a parked poll's heap and
 * what the fleet's old-generation collections kept marking (docs/performance.md, "What limits the fleet").
 *
 * The order of a wait is the old loop's: subscribed before the first claim (a command created in between
 * latches the subscription), then claim, then wait, then claim again on every wake-up until there is
 * something to answer, the deadline passes or the client leaves. A client that leaves while a claim runs
 * gets that claim's answer (its commands are RUNNING now and time out like every undelivered command); one that
 * leaves while the poll waits is answered empty at once, and nothing is claimed for it.
 */
export class ParkedPoll implements SubscriptionWaiter {
  private state: 'checking' | 'waiting' | 'done' = 'checking';
  private readonly onClientGone = (): void => {
    if (this.state === 'waiting' && this.client?.gone()) this.answer(emptyPoll());
  };

  constructor(
    private readonly host: PollHost,
    private readonly ctx: RequestContext,
    private readonly agentId: string,
    private readonly limit: number,
    private readonly deadline: number,
    /** Present when the poll may wait. */
    private readonly subscription: NotifierSubscription | undefined,
    private readonly client: PollClient | undefined,
    private readonly receiver: PollReceiver,
  ) {}

  start(): void {
    if (this.subscription && this.client) this.client.watch(this.onClientGone);
    this.check(this.ctx.nowIso);
  }

  /** The subscription's callback: signalled (check again) or timed out, closed, released (answer empty). */
  wake(woke: boolean): void {
    if (this.state !== 'waiting') return;
    if (!woke) return this.answer(emptyPoll());
    this.state = 'checking';
    // Not before the current turn ends: a client that leaves in the same turn as the wake-up must not get a
    // claim it can never receive (its 'close' may be the next thing this turn handles).
    queueMicrotask(() => (this.client?.gone() ? this.answer(emptyPoll()) : this.check(this.host.nowIso())));
  }

  private check(nowIso: string): void {
    this.host.check(this.ctx, this.agentId, this.limit, nowIso).then(
      (result) => this.checked(result),
      (error: unknown) => this.fail(error),
    );
  }

  private checked(result: PollResult): void {
    const subscription = this.subscription;
    const found = result.commands.length > 0 || result.cancelledCommandIds.length > 0;
    if (!subscription || found || this.client?.gone()) return this.answer(result);
    const remaining = this.deadline - this.host.nowMs();
    if (remaining <= 0) return this.answer(result);
    this.state = 'waiting';
    subscription.arm(remaining, this);
  }

  private answer(result: PollResult): void {
    this.settle(() => this.receiver.polled(result));
  }

  private fail(error: unknown): void {
    this.settle(() => this.receiver.failed(error));
  }

  /** Hands the poll's one answer to the receiver, unless it was answered already. */
  private settle(deliver: () => void): void {
    if (!this.close()) return;
    try {
      deliver();
    } catch (error) {
      lost(error);
    }
  }

  /** False when the poll was already answered. */
  private close(): boolean {
    if (this.state === 'done') return false;
    this.state = 'done';
    if (this.subscription) {
      this.client?.unwatch(this.onClientGone);
      // Closing settles an armed subscription, whose wake-up finds this poll done.
      this.host.release(this.agentId, this.subscription);
    }
    return true;
  }
}

export function emptyPoll(): PollResult {
  return { commands: [], cancelledCommandIds: [] };
}

function lost(error: unknown): void {
  logger.error({
    msg: 'a poll answer could not be written',
    error: error instanceof Error ? error.message : String(error),
  });
}
