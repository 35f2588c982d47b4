import { LinkedClusterBus } from '../../test/support/linked-cluster-bus';
import { FixedClock } from '../common/time/clock';
import { ClusterLiveEventHub, PRESENCE_INTERVAL_MS } from './cluster-live-event-hub';
import type { LiveEvent, LiveEventInput } from './live-event';

const change = (n: number, data?: LiveEventInput['data']): LiveEventInput => ({
  type: 'audit',
  topics: ['audit'],
  ids: [`x${n}`],
  at: '2026-01-01T00:00:00.000Z',
  minRole: 'viewer',
  ...(data ? { data } : {}),
});

function cluster(n: number): { buses: LinkedClusterBus[]; hubs: ClusterLiveEventHub[]; clock: FixedClock } {
  const clock = new FixedClock();
  const first = new LinkedClusterBus();
  const buses = [first, ...Array.from({ length: n - 1 }, () => first.peer())];
  const hubs = buses.map((bus) => new ClusterLiveEventHub(bus, clock));
  return { buses, hubs, clock };
}

describe('ClusterLiveEventHub', () => {
  it('delivers an event published on any replica to the streams of every replica, once each', () => {
    const { buses, hubs } = cluster(3);
    const seen: string[][] = [[], [], []];
    hubs.forEach((hub, i) => hub.subscribe((e: LiveEvent) => seen[i]!.push(e.ids[0]!)));
    buses[0]!.flush();
    hubs[1]!.publish(change(1));
    hubs[2]!.publish(change(2));
    buses[0]!.flush();
    expect(seen.map((s) => [...s].sort())).toEqual([
      ['x1', 'x2'],
      ['x1', 'x2'],
      ['x1', 'x2'],
    ]);
  });

  it('is active exactly while some replica has a watcher', () => {
    const { buses, hubs, clock } = cluster(2);
    const [publisher, watcher] = hubs as [ClusterLiveEventHub, ClusterLiveEventHub];
    const activity: boolean[] = [];
    publisher.onActiveChange((x) => activity.push(x));
    publisher.publish(change(0));
    expect(publisher.active).toBe(false);
    const got: LiveEvent[] = [];
    const sub = watcher.subscribe((e) => got.push(e));
    buses[0]!.flush();
    expect(publisher.active).toBe(true);
    publisher.publish(change(1, { message: 'y'.repeat(7000) }));
    buses[0]!.flush();
    // Oversized data is dropped, the event still arrives.
    expect(got.map((e) => [e.ids[0], e.data])).toEqual([['x1', {}]]);

    // Still watched after many periods, since the watcher keeps saying so.
    for (let i = 0; i < 5; i++) {
      clock.advance(PRESENCE_INTERVAL_MS);
      watcher.tick();
      buses[0]!.flush();
      publisher.tick();
    }
    expect(publisher.active).toBe(true);
    sub.close();
    buses[0]!.flush();
    expect(publisher.active).toBe(false);
    expect(activity).toEqual([true, false]);
  });

  it('learns of watchers when it starts, and forgets a replica that went silent', () => {
    const { buses, hubs, clock } = cluster(2);
    const [late, watcher] = hubs as [ClusterLiveEventHub, ClusterLiveEventHub];
    // The late replica was not there when the watcher announced itself.
    buses[0]!.down = true;
    watcher.subscribe(() => undefined);
    buses[0]!.flush();
    expect(late.active).toBe(false);
    buses[0]!.down = false;
    late.onModuleInit();
    buses[0]!.flush();
    expect(late.active).toBe(true);
    // The watching replica died without a word.
    clock.advance(3 * PRESENCE_INTERVAL_MS);
    late.tick();
    expect(late.active).toBe(false);
    late.onModuleDestroy();
  });
});
