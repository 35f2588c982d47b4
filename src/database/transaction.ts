import type { EntityManager } from 'typeorm';

declare const RUNNING_TRANSACTION: unique symbol;

/**
 * The handle of a running transaction. Only `TransactionRunner.run` hands one out, so a write that
 * takes a `Tx` cannot be called outside a transaction: forgetting it does not compile, and the plain
 * manager is not a `Tx`. With a pooled driver (PostgreSQL) the handle also carries the connection the
 * transaction runs on, so every statement given it lands in that transaction (docs/design/architecture.md,
 * "Transactions").
 */
export type Tx = EntityManager & { readonly [RUNNING_TRANSACTION]: true };
