import { EventEmitter } from 'node:events';
import type { RandomSource } from '../common/crypto/random-source';
import { FixedClock } from '../common/time/clock';
import { PG_CHANNEL } from './cluster-message';
import { type ListenConnection, PostgresClusterBus } from './postgres-cluster-bus';

class FakeConnection extends EventEmitter implements ListenConnection {
  readonly queries: string[] = [];
  ended = false;
  constructor(private readonly failWith: (Error & { code?: string }) | undefined) {
    super();
  }
  connect(): Promise<void> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve();
  }
  query(sql: string): Promise<void> {
    this.queries.push(sql);
    return Promise.resolve();
  }
  end(): Promise<void> {
    this.ended = true;
    return Promise.resolve();
  }
  /** What PostgreSQL would send to this listener. */
  deliver(payload: string): void {
    this.emit('notification', { channel: PG_CHANNEL, payload });
  }
}

const halfRandom: RandomSource = { bytes: (n) => Buffer.alloc(n, 0x80) };

function codeError(code: string): Error & { code: string } {
  return Object.assign(new Error(`failed with ${code} at postgres://user:secret@db/opstage`), { code });
}

function setup(opts: { failFirst?: number; notifyFails?: boolean } = {}) {
  const connections: FakeConnection[] = [];
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const sent: string[][] = [];
  let failures = opts.failFirst ?? 0;
  const bus = new PostgresClusterBus({
    createListener: () => {
      const c = new FakeConnection(failures-- > 0 ? codeError('ECONNREFUSED') : undefined);
      connections.push(c);
      return c;
    },
    notify: (channel, messages) => {
      expect(channel).toBe(PG_CHANNEL);
      if (opts.notifyFails) return Promise.reject(codeError('57P01'));
      sent.push([...messages]);
      return Promise.resolve();
    },
    origin: 'replica-a/01',
    random: halfRandom,
    clock: new FixedClock('2026-03-01T10:00:00.000Z'),
    backoff: { baseMs: 100, capMs: 1_000 },
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  return { bus, connections, timers, sent };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('PostgresClusterBus', () => {
  it('listens on its channel, delivers its own messages at once and skips their echo', async () => {
    const { bus, connections, sent } = setup();
    await bus.start();
    expect(connections[0]!.queries).toEqual([`LISTEN ${PG_CHANNEL}`]);
    const seen: unknown[] = [];
    bus.subscribe('agent.wake', (payload, meta) => seen.push([payload, meta.local]));
    bus.publish('agent.wake', { agentId: 'agt_1' });
    expect(seen).toEqual([[{ agentId: 'agt_1' }, true]]);
    await bus.drain();
    expect(sent).toEqual([['{"o":"replica-a/01","s":1,"c":"agent.wake","p":{"agentId":"agt_1"}}']]);
    connections[0]!.deliver(sent[0]![0]!);
    expect(seen).toHaveLength(1);
  });

  it('delivers other replicas’ messages once and drops malformed ones', async () => {
    const { bus, connections } = setup();
    await bus.start();
    const seen: unknown[] = [];
    bus.subscribe('command.settled', (payload, meta) => seen.push([payload, meta.local]));
    connections[0]!.deliver('{"o":"replica-b/02","c":"command.settled","p":{"commandId":"cmd_1"}}');
    connections[0]!.deliver('{"o":"replica-b/02","c":"command.settled","p":{"commandId":1}}');
    connections[0]!.deliver('not json');
    expect(seen).toEqual([[{ commandId: 'cmd_1' }, false]]);
  });

  it('sends a burst in publish order, batched while a NOTIFY is in flight', async () => {
    const { bus, sent } = setup();
    await bus.start();
    for (let i = 0; i < 5; i++) bus.publish('cancel.notice', { agentId: `agt_${i}` });
    await bus.drain();
    bus.publish('cancel.notice', { agentId: 'agt_4' });
    await bus.drain();
    const order = sent.flat().map((m) => (JSON.parse(m) as { p: { agentId: string } }).p.agentId);
    expect(order).toEqual(['agt_0', 'agt_1', 'agt_2', 'agt_3', 'agt_4', 'agt_4']);
    // Equal messages stay distinct on the wire (PostgreSQL would fold them within one statement).
    expect(new Set(sent.flat()).size).toBe(6);
    expect(sent.length).toBeLessThan(5);
  });

  it('never sends a message over the NOTIFY limit, but still delivers it here', async () => {
    const { bus, sent } = setup();
    await bus.start();
    const seen: string[] = [];
    bus.subscribe('live.event', (event) => seen.push(event.type));
    bus.publish('live.event', {
      type: 'big',
      topics: ['audit'],
      ids: [],
      at: '2026-03-01T10:00:00.000Z',
      minRole: 'viewer',
      data: { message: 'x'.repeat(8000) },
    });
    await bus.drain();
    expect(seen).toEqual(['big']);
    expect(sent).toEqual([]);
    expect(bus.state().publishFailures).toBe(1);
  });

  it('counts messages it could not send and keeps going', async () => {
    const { bus } = setup({ notifyFails: true });
    await bus.start();
    bus.publish('agent.wake', { agentId: 'agt_1' });
    bus.publish('agent.wake', { agentId: 'agt_2' });
    await bus.drain();
    expect(bus.state().publishFailures).toBe(2);
  });

  it('reconnects with back-off after losing the connection, then refreshes caches before waking waiters', async () => {
    const { bus, connections, timers } = setup();
    await bus.start();
    const order: string[] = [];
    let releaseRefresh: () => void = () => undefined;
    bus.onReconnect('wake', () => void order.push('wake'));
    bus.onReconnect(
      'refresh',
      () =>
        new Promise<void>((resolve) => {
          releaseRefresh = () => {
            order.push('refresh');
            resolve();
          };
        }),
    );
    connections[0]!.emit('error', codeError('57P01'));
    connections[0]!.emit('end');
    expect(bus.state()).toMatchObject({
      status: 'reconnecting',
      lastErrorCode: '57P01',
      lastErrorAt: '2026-03-01T10:00:00.000Z',
    });
    expect(connections[0]!.ended).toBe(true);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(75);
    timers[0]!.run();
    await settle();
    expect(connections[1]!.queries).toEqual([`LISTEN ${PG_CHANNEL}`]);
    expect(order).toEqual([]);
    releaseRefresh();
    await settle();
    expect(order).toEqual(['refresh', 'wake']);
    expect(bus.state()).toMatchObject({ status: 'connected', reconnects: 1 });
    // Only the current connection's events count.
    connections[0]!.deliver('{"o":"replica-b","c":"agent.wake","p":{"agentId":"agt_9"}}');
    connections[0]!.emit('error', codeError('XX000'));
    expect(bus.state().status).toBe('connected');
  });

  it('backs off further while the database stays away, and a failed boot connect keeps retrying', async () => {
    const { bus, connections, timers } = setup({ failFirst: 3 });
    await bus.start();
    expect(bus.state()).toMatchObject({ status: 'reconnecting', lastErrorCode: 'ECONNREFUSED' });
    timers[0]!.run();
    await settle();
    timers[1]!.run();
    await settle();
    expect(timers.map((t) => t.ms)).toEqual([75, 150, 300]);
    timers[2]!.run();
    await settle();
    expect(connections).toHaveLength(4);
    expect(bus.state()).toMatchObject({ status: 'connected', reconnects: 1 });
  });

  it('stops reconnecting once stopped', async () => {
    const { bus, connections, timers } = setup();
    await bus.start();
    connections[0]!.emit('end');
    await bus.stop();
    expect(timers[0]!.cancelled).toBe(true);
    expect(bus.state().status).toBe('stopped');
    bus.publish('agent.wake', { agentId: 'agt_1' });
    await bus.drain();
    expect(connections).toHaveLength(1);
  });
});
