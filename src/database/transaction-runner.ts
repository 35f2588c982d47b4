import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Serialises top-level transactions: TypeORM's better-sqlite3 driver shares one connection, so
 * two concurrent `transaction()` calls would nest (typeorm#8668). Keep the work short and never
 * await network I/O inside it (house rule 11).
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Plain manager for reads and single-statement writes that need no transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
