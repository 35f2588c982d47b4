import { InMemoryCommandNotifier } from './command-notifier';

describe('InMemoryCommandNotifier', () => {
  let notifier: InMemoryCommandNotifier;
  beforeEach(() => {
    notifier = new InMemoryCommandNotifier();
  });
  afterEach(() => notifier.releaseAll());

  it('wakes a waiting agent subscription at once', async () => {
    const sub = notifier.subscribeAgent('agt_1');
    const began = Date.now();
    const waiting = sub.wait(5000);
    notifier.notifyAgent('agt_1');
    await expect(waiting).resolves.toBe(true);
    expect(Date.now() - began).toBeLessThan(50);
    sub.close();
    expect(notifier.size()).toBe(0);
  });

  it('latches a signal that arrives before the wait (no lost wake-up)', async () => {
    const sub = notifier.subscribeCommand('cmd_1');
    notifier.notifyCommand('cmd_1');
    await expect(sub.wait(10)).resolves.toBe(true);
    await expect(sub.wait(10)).resolves.toBe(false);
    sub.close();
  });

  it('arm: calls back at once when latched or closed, later when signalled, once', () => {
    const sub = notifier.subscribeAgent('agt_1');
    const woke: boolean[] = [];
    const waiter = { wake: (value: boolean): void => void woke.push(value) };
    notifier.notifyAgent('agt_1');
    sub.arm(5000, waiter);
    expect(woke).toEqual([true]);
    sub.arm(5000, waiter);
    expect(woke).toEqual([true]);
    notifier.notifyAgent('agt_1');
    expect(woke).toEqual([true, true]);
    sub.close();
    sub.arm(5000, waiter);
    expect(woke).toEqual([true, true, false]);
    expect(notifier.size()).toBe(0);
  });

  it('only wakes the matching key', async () => {
    const a = notifier.subscribeAgent('agt_a');
    const b = notifier.subscribeAgent('agt_b');
    const wa = a.wait(100);
    notifier.notifyAgent('agt_b');
    await expect(wa).resolves.toBe(false);
    await expect(b.wait(10)).resolves.toBe(true);
  });

  it('times out, aborts and releases everything on shutdown', async () => {
    const sub = notifier.subscribeAgent('agt_1');
    const began = Date.now();
    await expect(sub.wait(120)).resolves.toBe(false);
    expect(Date.now() - began).toBeGreaterThanOrEqual(100);

    const controller = new AbortController();
    const aborted = sub.wait(5000, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBe(false);

    const held = [notifier.subscribeAgent('x'), notifier.subscribeCommand('y')].map((s) => s.wait(5000));
    notifier.onModuleDestroy();
    await expect(Promise.all(held)).resolves.toEqual([false, false]);
    expect(notifier.size()).toBe(0);
  });

  it('handles a thousand waiters with one wake each', async () => {
    const subs = Array.from({ length: 1000 }, (_, i) => notifier.subscribeAgent(`agt_${i}`));
    const waits = subs.map((s) => s.wait(10_000));
    const began = Date.now();
    for (let i = 0; i < 1000; i += 1) notifier.notifyAgent(`agt_${i}`);
    await expect(Promise.all(waits)).resolves.toEqual(subs.map(() => true));
    expect(Date.now() - began).toBeLessThan(200);
  });

  it('expires waiters by deadline bucket: each at its own time, never early, woken ones leave their bucket', async () => {
    let now = 1_000_000;
    const clocked = new InMemoryCommandNotifier(() => now);
    try {
      const settled: string[] = [];
      const track = (name: string, p: Promise<boolean>) => p.then((v) => settled.push(`${name}:${String(v)}`));
      const subs = ['a', 'b', 'c', 'd'].map((k) => clocked.subscribeAgent(k));
      const all = [
        track('a', subs[0]!.wait(1_000)),
        track('b', subs[1]!.wait(1_030)),
        track('c', subs[2]!.wait(5_000)),
        track('d', subs[3]!.wait(1_000)),
      ];
      clocked.notifyAgent('d');
      const tick = () => new Promise((resolve) => setTimeout(resolve, 120));
      now += 999;
      await tick();
      expect(settled).toEqual(['d:true']);
      now += 1;
      await tick();
      expect(settled).toEqual(['d:true', 'a:false']);
      now += 100;
      await tick();
      expect(settled).toEqual(['d:true', 'a:false', 'b:false']);
      // A jump far ahead (a suspended machine) expires the rest in one tick.
      now += 3_600_000;
      await tick();
      await Promise.all(all);
      expect(settled).toEqual(['d:true', 'a:false', 'b:false', 'c:false']);
      for (const sub of subs) sub.close();
      expect(clocked.size()).toBe(0);
      // The ticker re-arms after it stopped: a later waiter still times out.
      const late = clocked.subscribeAgent('e');
      const lateWait = late.wait(200);
      now += 250;
      await expect(lateWait).resolves.toBe(false);
      late.close();
    } finally {
      clocked.releaseAll();
    }
  });
});
