import { Injectable, Logger } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlState } from './driver-errors';
import type { Tx } from './transaction';

/**
 * Serialises top-level transactions: TypeORM's better-sqlite3 driver shares one connection, so
 * two concurrent `transaction()` calls would nest (typeorm#8668). Keep the work short and never
 * await network I/O inside it (docs/design/architecture.md, "Transactions").
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger('transactions');
  private tail: Promise<unknown> = Promise.resolve();
  /** Post-commit hooks of the transactions in flight, keyed by their manager. */
  private readonly hooks = new WeakMap<EntityManager, (() => void)[]>();
  /** Prepared statements of `readOne`/`execute`, by SQL text (a handful of fixed hot-path queries). */
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();

  private readonly postgres: boolean;
  /** `?` placeholders rewritten to `$n` for PostgreSQL, by SQL text. */
  private readonly numbered = new Map<string, string>();
  /** PostgreSQL statement names of the hot-path statements, by SQL text. */
  private readonly statementNames = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // PostgreSQL gives every transaction its own pooled connection: no queue, short transactions.
    if (this.postgres) return this.runPostgres(work, true);
    const result = this.tail.then(async () => {
      const pending: (() => void)[] = [];
      let value: T;
      try {
        value = await this.dataSource.transaction((em) => {
          this.hooks.set(em, pending);
          // The one place a manager becomes a Tx: it is the manager of this transaction.
          return work(em as Tx);
        });
      } catch (error) {
        this.resynchronise();
        throw error;
      }
      for (const hook of pending) this.runHook(hook);
      return value;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * One PostgreSQL transaction at the default READ COMMITTED level. A deadlock (40P01) or a
   * serialization failure (40001) rolls everything back, so the work runs once more from the start;
   * the hooks of the failed attempt are dropped with it.
   */
  private async runPostgres<T>(work: (tx: Tx) => Promise<T>, retry: boolean): Promise<T> {
    const pending: (() => void)[] = [];
    let value: T;
    try {
      value = await this.dataSource.transaction((em) => {
        this.hooks.set(em, pending);
        return work(em as Tx);
      });
    } catch (error) {
      if (retry && isRetryable(error)) {
        this.logger.warn({ msg: 'transaction retried after a conflict', code: sqlState(error) });
        return this.runPostgres(work, false);
      }
      throw error;
    }
    for (const hook of pending) this.runHook(hook);
    return value;
  }

  /**
   * Runs `hook` once the transaction `tx` has committed, and never if it rolls back. Used to
   * publish domain events after commit.
   */
  afterCommit(tx: Tx, hook: () => void): void {
    const pending = this.hooks.get(tx);
    if (pending) pending.push(hook);
    else this.runHook(hook);
  }

  /** Plain manager for reads (never a `Tx`: writes take the transaction's handle). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * The first row of a fixed, parameterised read on a hot path (agent authentication on every
   * agent request). On SQLite the statement is prepared once and run on the driver's connection,
   * the same single connection TypeORM uses, so it sees exactly what `em.query` would: TypeORM's
   * query runner, logger and subscriber broadcast cost several times the query itself there
   * (bench/). On PostgreSQL it is a named statement on the pool (prepared once per connection). `sql` must be a constant, never built from input.
   */
  async readOne(sql: string, params: readonly unknown[]): Promise<unknown> {
    const db = this.sqlite();
    if (!db) {
      const pool = this.pgPool();
      if (pool) return (await pool.query(this.named(sql, params))).rows[0];
      const rows: unknown = await this.dataSource.manager.query(this.dialect(sql), [...params]);
      return Array.isArray(rows) ? (rows[0] as unknown) : undefined;
    }
    return this.prepared(db, sql).get(...params);
  }

  /**
   * A fixed, parameterised write on a hot path (liveness touches, audit inserts: thousands a
   * second with a large fleet), inside the transaction `tx`. On SQLite it runs as a prepared
   * statement on the driver's single connection, which every TypeORM manager shares, so it belongs
   * to that transaction exactly as `tx.query` would; on PostgreSQL it is a named statement on the
   * transaction's own connection. Parameters
   * must be strings, numbers or null. `sql` must be a constant, never built from input. Resolves to the
   * number of rows the statement changed (conditional UPDATEs tell whether they won by it).
   */
  async execute(sql: string, params: readonly unknown[], tx: Tx): Promise<number> {
    const db = this.sqlite();
    if (!db) {
      // The transaction's own pg connection, so the statement belongs to the transaction.
      const client = this.postgres
        ? (tx.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection
        : undefined;
      if (client) return (await client.query(this.named(sql, params))).rowCount ?? 0;
      const runner = tx.queryRunner;
      if (!runner) throw new Error('TransactionRunner.execute needs the manager of a transaction');
      return (await runner.query(this.dialect(sql), [...params], true)).affected ?? 0;
    }
    return this.prepared(db, sql).run(...params).changes;
  }

  /**
   * After a failed top-level transaction no transaction may stay open. SQLite ends a transaction by
   * itself on SQLITE_FULL or SQLITE_IOERR; TypeORM's ROLLBACK then fails and its one shared query
   * runner still counts the transaction as open, so the next ones would become savepoints and a
   * second failure would leave a transaction that never commits: every later write acknowledged
   * but lost at restart (docs/operations.md, "Full disk").
   */
  private resynchronise(): void {
    const db = this.sqlite();
    if (!db) return;
    if (db.inTransaction) db.exec('ROLLBACK');
    const runner = (
      this.dataSource.driver as unknown as { queryRunner?: { isTransactionActive: boolean; transactionDepth: number } }
    ).queryRunner;
    if (runner && (runner.isTransactionActive || runner.transactionDepth !== 0)) {
      this.logger.warn({
        msg: 'transaction state resynchronised after SQLite ended a transaction by itself',
        depth: runner.transactionDepth,
      });
      runner.isTransactionActive = false;
      runner.transactionDepth = 0;
    }
  }

  /**
   * The hot-path statements are written once with `?` placeholders; PostgreSQL numbers them. The
   * statements are constants without `?` inside literals, so a plain rewrite is exact.
   */
  private dialect(sql: string): string {
    if (!this.postgres) return sql;
    let text = this.numbered.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      this.numbered.set(sql, text);
    }
    return text;
  }

  /**
   * A named statement: pg prepares it once per pooled connection and then sends only its name and
   * parameters, the PostgreSQL counterpart of the prepared statements used on SQLite.
   */
  private named(sql: string, params: readonly unknown[]): QueryConfig<unknown[]> {
    const text = this.dialect(sql);
    let name = this.statementNames.get(text);
    if (name === undefined) {
      name = `opstage_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      this.statementNames.set(text, name);
    }
    return { name, text, values: [...params] };
  }

  private pgPool(): Pool | undefined {
    if (!this.postgres) return undefined;
    return (this.dataSource.driver as unknown as { master?: Pool }).master;
  }

  private prepared(db: Database, sql: string): Statement<unknown[], unknown> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private sqlite(): Database | undefined {
    if (this.dataSource.options.type !== 'better-sqlite3') return undefined;
    const driver = this.dataSource.driver as unknown as { databaseConnection?: Database };
    return driver.databaseConnection;
  }

  private runHook(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.logger.error({
        msg: 'after-commit hook failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40001' || code === '40P01';
}
