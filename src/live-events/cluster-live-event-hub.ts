import { ClusterBus } from '../cluster/cluster-bus';
import type { LiveEvent, LiveEventInput } from './live-event';
import { InProcessLiveEventHub, LiveEventHub, type LiveSubscription } from './live-event-hub';

/** Above this a live event travels without its `data` (the console reloads the topic anyway). */
const MAX_EVENT_BYTES = 6000;

/**
 * Live events for several replicas (PostgreSQL): an event published on any replica reaches the open
 * streams of every replica, exactly once each, through the cluster bus; each replica keeps its own
 * streams and replay ring. A replica cannot see whether another one has a watcher, so the hub is
 * always active: every domain event costs one NOTIFY, even with no console open.
 */
export class ClusterLiveEventHub extends LiveEventHub {
  private readonly local = new InProcessLiveEventHub();

  constructor(private readonly bus: ClusterBus) {
    super();
    bus.subscribe('live.event', (event) => this.local.publish(event));
  }

  get active(): boolean {
    return true;
  }

  get size(): number {
    return this.local.size;
  }

  publish(event: LiveEventInput): void {
    const slim = JSON.stringify(event).length > MAX_EVENT_BYTES ? { ...event, data: {} } : event;
    this.bus.publish('live.event', slim);
  }

  subscribe(listener: (event: LiveEvent) => void, lastEventId?: string): LiveSubscription {
    return this.local.subscribe(listener, lastEventId);
  }

  onActiveChange(listener: (active: boolean) => void): void {
    listener(true);
  }
}
