import { InMemoryCommandNotifier } from './command-notifier';
import { RequestContext } from '../common/context/request-context';
import { FixedClock } from '../common/time/clock';
import type { PublicCommand } from '../contracts';
import { LeavingPollClient } from '../../test/support/leaving-poll-client';
import { ParkedPoll, type PollHost, type PollResult } from './parked-poll';

/** Each check takes the next answer from `answers` (empty when there are none), and can be held open. */
class FakeHost implements PollHost {
  checks = 0;
  released = 0;
  answers: PollResult[] = [];
  hold: Promise<void> | undefined;
  constructor(readonly clock: FixedClock) {}
  async check(): Promise<PollResult> {
    this.checks++;
    if (this.hold) await this.hold;
    return this.answers.shift() ?? { commands: [], cancelledCommandIds: [] };
  }
  release(_agentId: string, subscription: { close(): void }): void {
    this.released++;
    subscription.close();
  }
  nowMs(): number {
    return this.clock.nowMs();
  }
  nowIso(): string {
    return this.clock.nowIso();
  }
}

const command = { id: 'cmd_1' } as PublicCommand;
const found: PollResult = { commands: [command], cancelledCommandIds: [] };
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ParkedPoll', () => {
  let notifier: InMemoryCommandNotifier;
  let clock: FixedClock;
  let host: FakeHost;
  let client: LeavingPollClient;
  let answers: PollResult[];
  let failures: unknown[];
  const receiver = {
    polled: (result: PollResult): void => void answers.push(result),
    failed: (error: unknown): void => void failures.push(error),
  };

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    notifier = new InMemoryCommandNotifier(() => Date.now());
    host = new FakeHost(clock);
    client = new LeavingPollClient();
    answers = [];
    failures = [];
  });
  afterEach(() => notifier.releaseAll());

  /** A poll that may wait `waitMs` from the fixed clock's now. */
  function park(waitMs: number): ParkedPoll {
    const ctx = RequestContext.system(clock);
    const subscription = waitMs > 0 ? notifier.subscribeAgent('agt_1') : undefined;
    const poll = new ParkedPoll(host, ctx, 'agt_1', 10, clock.nowMs() + waitMs, subscription, client, receiver);
    poll.start();
    return poll;
  }

  it('answers at once when the first check finds something, and lets go of its subscription and client', async () => {
    host.answers.push(found);
    park(20_000);
    await flush();
    expect(answers).toEqual([found]);
    expect(host.released).toBe(1);
    expect(notifier.size()).toBe(0);
    expect(client.listeners.size).toBe(0);
  });

  it('a poll that cannot wait checks once and answers, even empty', async () => {
    park(0);
    await flush();
    expect(answers).toEqual([{ commands: [], cancelledCommandIds: [] }]);
    expect(host.checks).toBe(1);
    expect(client.watched).toBe(0);
  });

  it('waits when there is nothing, and a wake-up checks again and answers what it found', async () => {
    park(20_000);
    await flush();
    expect(answers).toEqual([]);
    expect(client.watched).toBe(1);
    expect(client.listeners.size).toBe(1);
    host.answers.push(found);
    notifier.notifyAgent('agt_1');
    await flush();
    expect(host.checks).toBe(2);
    expect(answers).toEqual([found]);
    expect(notifier.size()).toBe(0);
  });

  it('checks again at once when the signal came while the first check ran (latched, not lost)', async () => {
    let release: () => void = () => undefined;
    host.hold = new Promise((resolve) => (release = resolve));
    park(20_000);
    notifier.notifyAgent('agt_1');
    host.answers.push({ commands: [], cancelledCommandIds: [] }, found);
    host.hold = undefined;
    release();
    await flush();
    expect(host.checks).toBe(2);
    expect(answers).toEqual([found]);
  });

  it('answers empty when its wait ends', async () => {
    park(60);
    await flush();
    expect(answers).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers).toEqual([{ commands: [], cancelledCommandIds: [] }]);
    expect(host.checks).toBe(1);
  });

  it('answers empty at once, and checks no more, when the client leaves while it waits', async () => {
    park(20_000);
    await flush();
    client.leave();
    expect(answers).toEqual([{ commands: [], cancelledCommandIds: [] }]);
    notifier.notifyAgent('agt_1');
    await flush();
    expect(host.checks).toBe(1);
    expect(answers).toHaveLength(1);
  });

  it('does not check when the wake-up and the client leaving land in the same turn', async () => {
    park(20_000);
    await flush();
    host.answers.push(found);
    notifier.notifyAgent('agt_1');
    client.leave();
    await flush();
    expect(host.checks).toBe(1);
    expect(answers).toEqual([{ commands: [], cancelledCommandIds: [] }]);
  });

  it('answers what a running check claimed when the client leaves during it, and does not wait again', async () => {
    let release: () => void = () => undefined;
    host.hold = new Promise((resolve) => (release = resolve));
    host.answers.push(found);
    park(20_000);
    client.leave();
    release();
    await flush();
    expect(answers).toEqual([found]);
    expect(notifier.size()).toBe(0);
  });

  it('reports a failed check once and lets go of its subscription', async () => {
    const error = new Error('database down');
    jest.spyOn(host, 'check').mockRejectedValueOnce(error);
    park(20_000);
    await flush();
    expect(failures).toEqual([error]);
    expect(answers).toEqual([]);
    expect(notifier.size()).toBe(0);
  });

  it('answers empty when released (shutdown) while it waits', async () => {
    park(20_000);
    await flush();
    notifier.releaseAll();
    expect(answers).toEqual([{ commands: [], cancelledCommandIds: [] }]);
  });

  it('survives a receiver that throws: the answer is logged as lost, the poll is still closed', async () => {
    answers = [];
    const throwing = {
      polled: (): void => {
        throw new Error('socket gone');
      },
      failed: (): void => undefined,
    };
    const ctx = RequestContext.system(clock);
    const subscription = notifier.subscribeAgent('agt_1');
    host.answers.push(found);
    new ParkedPoll(host, ctx, 'agt_1', 10, clock.nowMs() + 1000, subscription, client, throwing).start();
    await flush();
    expect(host.released).toBe(1);
    expect(notifier.size()).toBe(0);
  });
});
