import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { RandomSource } from '../common/crypto/random-source';
import type { Clock } from '../common/time/clock';
import { backoffDelayMs, type BackoffPolicy, LISTEN_BACKOFF } from './backoff';
import { ClusterBus, type ClusterBusState, type ClusterChannel, type ClusterChannels } from './cluster-bus';
import { MAX_MESSAGE_BYTES, parseEnvelope, PG_CHANNEL } from './cluster-message';

/** The part of `pg.Client` the listener uses (a fake in unit tests). */
export interface ListenConnection {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

export interface PostgresClusterBusOptions {
  /** A new, unconnected dedicated client (from the database URL; the bus never sees the URL). */
  createListener: () => ListenConnection;
  /** Sends the messages in order, in one statement, through the shared pool. */
  notify: (channel: string, messages: readonly string[]) => Promise<void>;
  /** Distinguishes this bus's own messages when they come back through LISTEN. */
  origin: string;
  random: RandomSource;
  clock: Clock;
  backoff?: BackoffPolicy;
  setTimer?: (run: () => void, ms: number) => () => void;
}

/** Messages per NOTIFY statement: one round trip for a burst, bounded statement size. */
const NOTIFY_BATCH = 64;

/**
 * LISTEN/NOTIFY: one dedicated listening connection per replica; messages are published through
 * the pool. A replica delivers its own messages locally at once and ignores their echo, so each
 * replica sees each message exactly once. Publishing is serialised (one NOTIFY statement at a time,
 * bursts batched), so messages of one replica arrive everywhere in the order they were published:
 * a cancel notice always lands before the wake-up that makes the poll look for it.
 */
export class PostgresClusterBus extends ClusterBus implements OnModuleInit, OnModuleDestroy {
  private listener: ListenConnection | undefined;
  private status: ClusterBusState['status'] = 'connecting';
  private reconnects = 0;
  private attempt = 0;
  private lastErrorCode: string | null = null;
  private lastErrorAt: string | null = null;
  private publishFailures = 0;
  private sequence = 0;
  private stopped = false;
  private cancelTimer: (() => void) | undefined;
  private readonly queue: string[] = [];
  private flushing: Promise<void> | undefined;
  private readonly policy: BackoffPolicy;
  private readonly setTimer: (run: () => void, ms: number) => () => void;

  constructor(private readonly options: PostgresClusterBusOptions) {
    super();
    this.policy = options.backoff ?? LISTEN_BACKOFF;
    this.setTimer = options.setTimer ?? defaultTimer;
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  /** Before the database closes: stop listening, send what is queued. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Connects the listener; a failure does not fail the boot, the bus keeps retrying with back-off. */
  async start(): Promise<void> {
    if (await this.connect()) return;
    this.scheduleReconnect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.status = 'stopped';
    this.cancelTimer?.();
    const listener = this.listener;
    this.listener = undefined;
    await this.flushing;
    await listener?.end().catch(() => undefined);
  }

  publish<C extends ClusterChannel>(channel: C, payload: ClusterChannels[C]): void {
    // `s` keeps two equal messages distinct: PostgreSQL folds identical notifications of one transaction.
    const text = JSON.stringify({ o: this.options.origin, s: ++this.sequence, c: channel, p: payload });
    this.deliver(channel, payload, { local: true, origin: this.options.origin });
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
      this.publishFailures++;
      this.logger.error({ msg: 'cluster message too large, not sent to other replicas', channel });
      return;
    }
    if (this.stopped) return;
    this.queue.push(text);
    this.flushing ??= this.flush();
  }

  /** Resolves once everything published so far was handed to PostgreSQL (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  state(): ClusterBusState {
    return {
      kind: 'postgres',
      status: this.status,
      reconnects: this.reconnects,
      lastErrorCode: this.lastErrorCode,
      lastErrorAt: this.lastErrorAt,
      publishFailures: this.publishFailures,
    };
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, NOTIFY_BATCH);
        try {
          await this.options.notify(PG_CHANNEL, batch);
        } catch (error) {
          // The database is unreachable: these wake-ups are lost, and the listeners' reconnect re-check covers them.
          this.publishFailures += batch.length;
          this.logger.warn({ msg: 'cluster messages not sent', count: batch.length, code: errorCode(error) });
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async connect(): Promise<boolean> {
    const listener = this.options.createListener();
    listener.on('error', (error) => this.lost(listener, error));
    listener.on('end', () => this.lost(listener, undefined));
    listener.on('notification', (message) => {
      if (listener === this.listener && message.channel === PG_CHANNEL && message.payload !== undefined)
        this.receive(message.payload);
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${PG_CHANNEL}`);
    } catch (error) {
      this.recordError(error);
      await listener.end().catch(() => undefined);
      return false;
    }
    if (this.stopped) {
      await listener.end().catch(() => undefined);
      return false;
    }
    this.listener = listener;
    this.status = 'connected';
    return true;
  }

  private receive(text: string): void {
    const envelope = parseEnvelope(text);
    if (!envelope) {
      this.logger.warn({ msg: 'malformed cluster message dropped', bytes: text.length });
      return;
    }
    if (envelope.o === this.options.origin) return;
    this.deliver(envelope.c, envelope.p, { local: false, origin: envelope.o });
  }

  private lost(listener: ListenConnection, error: unknown): void {
    if (listener !== this.listener || this.stopped) return;
    this.listener = undefined;
    this.recordError(error ?? { code: 'CONNECTION_ENDED' });
    this.logger.warn({ msg: 'LISTEN connection lost, reconnecting', code: this.lastErrorCode });
    void listener.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.status = 'reconnecting';
    const delay = backoffDelayMs(this.policy, this.attempt++, this.options.random);
    this.cancelTimer = this.setTimer(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.cancelTimer = undefined;
    if (this.stopped) return;
    if (!(await this.connect())) {
      this.scheduleReconnect();
      return;
    }
    this.attempt = 0;
    this.reconnects++;
    this.logger.log({ msg: 'LISTEN connection restored', reconnects: this.reconnects });
    await this.runReconnectHooks();
  }

  private recordError(error: unknown): void {
    this.lastErrorCode = errorCode(error);
    this.lastErrorAt = this.options.clock.nowIso();
  }
}

/** Only the code: a driver's message may quote the connection target. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'UNKNOWN';
}

function defaultTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
