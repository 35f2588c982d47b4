import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ClusterBus, ClusterChannels, ClusterMessageMeta } from '../cluster/cluster-bus';
import type { Clock } from '../common/time/clock';
import type { LiveEvent, LiveEventInput } from './live-event';
import { InProcessLiveEventHub, LiveEventHub, type LiveSubscription } from './live-event-hub';

/** Above this a live event travels without its `data` (the console reloads the topic anyway). */
const MAX_EVENT_BYTES = 6000;
/** A replica with watchers says so this often; silence for three periods means it has none (or died). */
export const PRESENCE_INTERVAL_MS = 10_000;
const PRESENCE_TTL_MS = 3 * PRESENCE_INTERVAL_MS;

/**
 * Live events for several replicas (PostgreSQL): an event published on any replica reaches the open
 * streams of every replica, exactly once each, through the cluster bus; each replica keeps its own
 * streams and replay ring. A replica is active (publishes) while it or any other replica has a
 * watcher: replicas announce when their first watcher arrives and their last one leaves, repeat it
 * while watched, and a starting (or reconnected) replica asks who watches. With no console open
 * anywhere, domain events cost nothing, as on one process.
 */
export class ClusterLiveEventHub extends LiveEventHub implements OnModuleInit, OnModuleDestroy {
  private readonly local = new InProcessLiveEventHub();
  /** Other replicas with watchers: origin → when their announcement lapses. */
  private readonly remote = new Map<string, number>();
  private readonly activity: ((active: boolean) => void)[] = [];
  private wasActive = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {
    super();
    bus.subscribe('live.event', (event) => this.local.publish(event));
    bus.subscribe('live.presence', (presence, meta) => this.heard(presence, meta));
    bus.onReconnect('refresh', () => this.announce(true));
    this.local.onActiveChange((watching) => {
      this.bus.publish('live.presence', { watching });
      this.update();
    });
  }

  onModuleInit(): void {
    this.announce(true);
    this.timer = setInterval(() => this.tick(), PRESENCE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.local.size > 0) this.bus.publish('live.presence', { watching: false });
  }

  get active(): boolean {
    return this.local.size > 0 || this.remote.size > 0;
  }

  get size(): number {
    return this.local.size;
  }

  publish(event: LiveEventInput): void {
    if (!this.active) return;
    const slim = JSON.stringify(event).length > MAX_EVENT_BYTES ? { ...event, data: {} } : event;
    this.bus.publish('live.event', slim);
  }

  subscribe(listener: (event: LiveEvent) => void, lastEventId?: string): LiveSubscription {
    return this.local.subscribe(listener, lastEventId);
  }

  onActiveChange(listener: (active: boolean) => void): void {
    this.activity.push(listener);
  }

  /** Re-announces this replica's watchers and forgets replicas that went silent. */
  tick(): void {
    if (this.local.size > 0) this.announce(false);
    const now = this.clock.nowMs();
    for (const [origin, until] of this.remote) if (until <= now) this.remote.delete(origin);
    this.update();
  }

  private announce(ask: boolean): void {
    this.bus.publish('live.presence', ask ? { watching: this.local.size > 0, ask } : { watching: true });
  }

  private heard(presence: ClusterChannels['live.presence'], meta: ClusterMessageMeta): void {
    if (meta.local) return;
    if (presence.watching) this.remote.set(meta.origin, this.clock.nowMs() + PRESENCE_TTL_MS);
    else this.remote.delete(meta.origin);
    if (presence.ask && this.local.size > 0) this.announce(false);
    this.update();
  }

  private update(): void {
    const active = this.active;
    if (active === this.wasActive) return;
    this.wasActive = active;
    for (const listener of this.activity) listener(active);
  }
}
