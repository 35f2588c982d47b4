import {
  ClusterBus,
  type ClusterBusState,
  type ClusterChannel,
  type ClusterChannels,
} from '../../src/cluster/cluster-bus';

/**
 * Several replicas' buses in one process, for unit tests: a message published on one is delivered
 * on it at once and on the others when `flush()` runs (as NOTIFY would, later), unless the link is
 * `down`, when it is lost. `reconnect()` runs the re-check hooks the PostgreSQL bus runs.
 */
export class LinkedClusterBus extends ClusterBus {
  down = false;
  readonly origin: string;
  private readonly pending: (() => void)[] = [];

  constructor(private readonly network: LinkedClusterBus[] = []) {
    super();
    network.push(this);
    this.origin = `replica-${network.length}`;
  }

  /** Another replica on the same network. */
  peer(): LinkedClusterBus {
    return new LinkedClusterBus(this.network);
  }

  publish<C extends ClusterChannel>(channel: C, payload: ClusterChannels[C]): void {
    this.deliver(channel, payload, { local: true, origin: this.origin });
    const copy = JSON.parse(JSON.stringify(payload)) as unknown;
    for (const bus of this.network) {
      if (bus !== this && !bus.down)
        bus.pending.push(() => bus.deliver(channel, copy, { local: false, origin: this.origin }));
    }
  }

  /** Delivers everything in flight, in publish order, on every replica, including the answers it causes. */
  flush(): void {
    while (this.network.some((bus) => bus.pending.length > 0)) {
      for (const bus of this.network) for (const run of bus.pending.splice(0)) run();
    }
  }

  reconnect(): Promise<void> {
    this.down = false;
    return this.runReconnectHooks();
  }

  state(): ClusterBusState {
    return {
      kind: 'in-process',
      status: this.down ? 'reconnecting' : 'connected',
      reconnects: 0,
      lastErrorCode: null,
      lastErrorAt: null,
      publishFailures: 0,
    };
  }
}
