import { Logger } from '@nestjs/common';
import type { LiveEventMessage, Role } from '../contracts';

/**
 * What crosses replicas, by channel. Payloads are small JSON objects (ids only, never secrets):
 * on PostgreSQL each message is one NOTIFY, whose payload must stay under 8000 bytes.
 */
export interface ClusterChannels {
  /** A command for this agent became claimable, or one it holds was cancelled: parked polls re-check. */
  'agent.wake': { agentId: string };
  /** This command reached a terminal state: a waiting prepare re-reads it. */
  'command.settled': { commandId: string };
  /** This agent is owed a cancel notice (its cancel has committed). */
  'cancel.notice': { agentId: string };
  /** The stored runtime settings changed (committed): caches reload them. */
  'settings.changed': Record<string, never>;
  /** Whether the sender has live-event watchers; `ask`: every replica with watchers answers. */
  'live.presence': { watching: boolean; ask?: boolean };
  /** A live console event, delivered to the SSE streams of every replica. */
  'live.event': Omit<LiveEventMessage, 'id'> & { minRole: Role };
}

export type ClusterChannel = keyof ClusterChannels;

export const CLUSTER_CHANNELS: readonly ClusterChannel[] = [
  'agent.wake',
  'command.settled',
  'cancel.notice',
  'settings.changed',
  'live.presence',
  'live.event',
];

export interface ClusterMessageMeta {
  /** True when this replica published the message itself. */
  readonly local: boolean;
  /** The publishing bus (one per replica process). */
  readonly origin: string;
}

export type ClusterHandler<C extends ClusterChannel> = (payload: ClusterChannels[C], meta: ClusterMessageMeta) => void;

/**
 * After the bus lost and regained its connection, messages sent meanwhile may be lost. `refresh`
 * hooks reload what they cache from the database first (all awaited), then `wake` hooks make every
 * waiter re-check the database once, so a lost message costs one check, never a lost command.
 */
export type ReconnectPhase = 'refresh' | 'wake';

/** The bus's health, for diagnostics (helper "ops" shows it). */
export interface ClusterBusState {
  /** `in-process`: SQLite, one process is the whole cluster; `postgres`: LISTEN/NOTIFY. */
  readonly kind: 'in-process' | 'postgres';
  readonly status: 'connected' | 'connecting' | 'reconnecting' | 'stopped';
  /** Successful reconnects since start (the first connect is not counted). */
  readonly reconnects: number;
  /** Code of the last connection error (a PostgreSQL SQLSTATE or a Node errno), never its message. */
  readonly lastErrorCode: string | null;
  readonly lastErrorAt: string | null;
  /** Messages that could not be sent (database unavailable, payload too large). */
  readonly publishFailures: number;
}

/**
 * Delivers a message to every replica exactly once, this one included (synchronously here, so a
 * single replica behaves as before). Implementations: in-process (SQLite) and PostgreSQL
 * LISTEN/NOTIFY (docs/design/decisions.md, "Signals cross replicas").
 */
export abstract class ClusterBus {
  protected readonly logger = new Logger('cluster-bus');
  private readonly handlers = new Map<ClusterChannel, Set<(payload: unknown, meta: ClusterMessageMeta) => void>>();
  private readonly reconnectHooks: Record<ReconnectPhase, (() => void | Promise<void>)[]> = { refresh: [], wake: [] };

  abstract publish<C extends ClusterChannel>(channel: C, payload: ClusterChannels[C]): void;
  abstract state(): ClusterBusState;

  subscribe<C extends ClusterChannel>(channel: C, handler: ClusterHandler<C>): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    const entry = handler as (payload: unknown, meta: ClusterMessageMeta) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  onReconnect(phase: ReconnectPhase, hook: () => void | Promise<void>): void {
    this.reconnectHooks[phase].push(hook);
  }

  /** Hands a message to this replica's handlers; a failing handler does not stop the others. */
  protected deliver(channel: ClusterChannel, payload: unknown, meta: ClusterMessageMeta): void {
    const set = this.handlers.get(channel);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(payload, meta);
      } catch (error) {
        this.handlerFailed(channel, error);
      }
    }
  }

  protected async runReconnectHooks(): Promise<void> {
    await Promise.all(this.reconnectHooks.refresh.map((hook) => this.safely(hook)));
    await Promise.all(this.reconnectHooks.wake.map((hook) => this.safely(hook)));
  }

  private handlerFailed(source: string, error: unknown): void {
    this.logger.error({ msg: 'cluster bus handler failed', source, error: errorText(error) });
  }

  private async safely(hook: () => void | Promise<void>): Promise<void> {
    try {
      await hook();
    } catch (error) {
      this.handlerFailed('reconnect hook', error);
    }
  }
}

/** SQLite: one process is the whole cluster, so publishing is delivering. */
export class InProcessClusterBus extends ClusterBus {
  publish<C extends ClusterChannel>(channel: C, payload: ClusterChannels[C]): void {
    this.deliver(channel, payload, { local: true, origin: 'local' });
  }

  state(): ClusterBusState {
    return {
      kind: 'in-process',
      status: 'connected',
      reconnects: 0,
      lastErrorCode: null,
      lastErrorAt: null,
      publishFailures: 0,
    };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
