import { LinkedClusterBus } from '../../test/support/linked-cluster-bus';
import { ClusterLiveEventHub } from './cluster-live-event-hub';
import type { LiveEvent, LiveEventInput } from './live-event';

const change = (n: number, data?: LiveEventInput['data']): LiveEventInput => ({
  type: 'audit',
  topics: ['audit'],
  ids: [`x${n}`],
  at: '2026-01-01T00:00:00.000Z',
  minRole: 'viewer',
  ...(data ? { data } : {}),
});

describe('ClusterLiveEventHub', () => {
  it('delivers an event published on any replica to the streams of every replica, once each', () => {
    const a = new LinkedClusterBus();
    const b = a.peer();
    const c = a.peer();
    const hubs = [new ClusterLiveEventHub(a), new ClusterLiveEventHub(b), new ClusterLiveEventHub(c)];
    const seen: string[][] = [[], [], []];
    hubs.forEach((hub, i) => hub.subscribe((e: LiveEvent) => seen[i]!.push(e.ids[0]!)));
    hubs[1]!.publish(change(1));
    hubs[2]!.publish(change(2));
    a.flush();
    expect(seen.map((s) => [...s].sort())).toEqual([
      ['x1', 'x2'],
      ['x1', 'x2'],
      ['x1', 'x2'],
    ]);
  });

  it('is active with no local watcher (another replica may have one) and drops oversized data', () => {
    const a = new LinkedClusterBus();
    const b = a.peer();
    const publisher = new ClusterLiveEventHub(a);
    const watcher = new ClusterLiveEventHub(b);
    const activity: boolean[] = [];
    publisher.onActiveChange((x) => activity.push(x));
    expect(publisher.active).toBe(true);
    expect(activity).toEqual([true]);
    const got: LiveEvent[] = [];
    watcher.subscribe((e) => got.push(e));
    publisher.publish(change(3, { message: 'y'.repeat(7000) }));
    a.flush();
    expect(got).toHaveLength(1);
    expect(got[0]!.data).toEqual({});
    expect(watcher.size).toBe(1);
  });
});
