import { InProcessLiveEventHub, LIVE_RING_SIZE } from './live-event-hub';
import type { LiveEvent, LiveEventInput } from './live-event';
import { auditToLive } from './live-event-feed';

const change = (n: number): LiveEventInput => ({
  type: 'audit',
  topics: ['audit'],
  ids: [`x${n}`],
  at: '2026-01-01T00:00:00.000Z',
  minRole: 'viewer',
});

describe('InProcessLiveEventHub', () => {
  it('does nothing while nobody watches and tells when watching starts and stops', () => {
    const hub = new InProcessLiveEventHub();
    const activity: boolean[] = [];
    hub.onActiveChange((a) => activity.push(a));
    hub.publish(change(0));
    expect(hub.active).toBe(false);
    const got: LiveEvent[] = [];
    const sub = hub.subscribe((e) => got.push(e));
    hub.publish(change(1));
    sub.close();
    sub.close();
    hub.publish(change(2));
    expect(got.map((e) => e.ids[0])).toEqual(['x1']);
    expect(activity).toEqual([true, false]);
  });

  it('replays what a reconnecting client missed, and resets when that is no longer known', () => {
    const hub = new InProcessLiveEventHub();
    const keeper = hub.subscribe(() => undefined);
    const seen: LiveEvent[] = [];
    const first = hub.subscribe((e) => seen.push(e));
    hub.publish(change(1));
    first.close();
    hub.publish(change(2));
    hub.publish(change(3));
    const again = hub.subscribe(() => undefined, seen[0]!.id);
    expect(again.missed !== 'reset' && again.missed.map((e) => e.ids[0])).toEqual(['x2', 'x3']);
    expect(hub.subscribe(() => undefined, 'ffff-1').missed).toBe('reset');
    expect(hub.subscribe(() => undefined, 'garbage').missed).toBe('reset');
    // Beyond the ring: the oldest events are gone.
    for (let i = 0; i < LIVE_RING_SIZE + 5; i += 1) hub.publish(change(10 + i));
    expect(hub.subscribe(() => undefined, seen[0]!.id).missed).toBe('reset');
    keeper.close();
  });

  it('a resume across an idle period resets: nothing was recorded while nobody watched', () => {
    const hub = new InProcessLiveEventHub();
    const seen: LiveEvent[] = [];
    const only = hub.subscribe((e) => seen.push(e));
    hub.publish(change(1));
    only.close();
    hub.publish(change(2));
    expect(hub.subscribe(() => undefined, seen[0]!.id).missed).toBe('reset');
  });
});

describe('auditToLive', () => {
  const base = {
    auditEventId: 'aud_1',
    actorType: 'USER',
    actorId: 'usr_1',
    result: 'SUCCESS',
    occurredAt: '2026-01-01T00:00:00.000Z',
    requestId: 'req_1',
  };

  it('maps targets and actions to topics; user administration is owner-only', () => {
    expect(auditToLive({ ...base, action: 'agent.disabled', targetType: 'Agent', targetId: 'agt_1' })).toMatchObject({
      topics: ['audit', 'agents', 'services'],
      ids: ['agt_1'],
      minRole: 'viewer',
    });
    expect(auditToLive({ ...base, action: 'user.created', targetType: 'User', targetId: 'usr_2' })).toMatchObject({
      topics: ['audit', 'users'],
      minRole: 'owner',
    });
    expect(auditToLive({ ...base, action: 'system.command.expired', targetType: null, targetId: null })).toMatchObject({
      topics: ['audit', 'commands'],
      ids: [],
    });
  });

  it('skips actions that have their own typed live event', () => {
    expect(
      auditToLive({ ...base, action: 'service.health.changed', targetType: 'CapsuleService', targetId: 'svc_1' }),
    ).toBeNull();
  });
});
