import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Serialises top-level transactions: TypeORM's better-sqlite3 driver shares one connection, so
 * two concurrent `transaction()` calls would nest (typeorm#8668). Keep the work short and never
 * await network I/O inside it (house rule 11).
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger('transactions');
  private tail: Promise<unknown> = Promise.resolve();
  /** Post-commit hooks of the transactions in flight, keyed by their manager. */
  private readonly hooks = new WeakMap<EntityManager, (() => void)[]>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const pending: (() => void)[] = [];
      const value = await this.dataSource.transaction((em) => {
        this.hooks.set(em, pending);
        return work(em);
      });
      for (const hook of pending) this.runHook(hook);
      return value;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `hook` once the transaction owning `em` has committed, and never if it rolls back.
   * Without a transaction (`em` undefined or the plain manager) the write is already durable,
   * so the hook runs at once. Used to publish domain events after commit.
   */
  afterCommit(em: EntityManager | undefined, hook: () => void): void {
    const pending = em ? this.hooks.get(em) : undefined;
    if (pending) pending.push(hook);
    else this.runHook(hook);
  }

  /** Plain manager for reads and single-statement writes that need no transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private runHook(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.logger.error({ msg: 'after-commit hook failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
}
