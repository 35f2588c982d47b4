import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { SystemRepository } from './system.repository';

const FLUSH_MS = 2000;

/**
 * Operational counters that survive restarts (polls, dispatched commands, oversized results).
 * Increments are buffered and flushed every 2 s and at shutdown, so hot paths never write per call.
 */
@Injectable()
export class CountersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('counters');
  private persisted = new Map<string, number>();
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: SystemRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const row of await this.repository.readCounters()) this.persisted.set(row.key, row.value);
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  increment(key: string, by = 1): void {
    this.pending.set(key, (this.pending.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return (this.persisted.get(key) ?? 0) + (this.pending.get(key) ?? 0);
  }

  snapshot(): Record<string, number> {
    const keys = new Set([...this.persisted.keys(), ...this.pending.keys()]);
    return Object.fromEntries([...keys].map((k) => [k, this.get(k)]));
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.tx.run((tx) => this.repository.addToCounters(batch, this.clock.nowIso(), tx));
      for (const [k, v] of batch) this.persisted.set(k, (this.persisted.get(k) ?? 0) + v);
    } catch (error) {
      for (const [k, v] of batch) this.increment(k, v);
      this.logger.warn({ msg: 'counter flush failed; will retry', error: String(error) });
    }
  }
}
