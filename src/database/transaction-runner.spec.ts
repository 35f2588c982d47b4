import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

@Entity('tx_spec_rows')
class RowEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'text' }) value!: string;
}

describe('TransactionRunner.afterCommit', () => {
  let ds: DataSource;
  let sut: TransactionRunner;

  beforeEach(async () => {
    ds = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [RowEntity],
      synchronize: true,
    }).initialize();
    sut = new TransactionRunner(ds);
  });
  afterEach(async () => {
    await ds.destroy();
  });

  it('execute resolves to the rows the statement changed, so a conditional UPDATE tells whether it won', async () => {
    await ds.manager.insert(RowEntity, { id: 'r1', value: 'old' });
    const update = 'UPDATE "tx_spec_rows" SET "value" = ? WHERE "id" = ? AND "value" = ?';
    const [won, lost] = await sut.run(async (em) => [
      await sut.execute(update, ['new', 'r1', 'old'], em),
      await sut.execute(update, ['newer', 'r1', 'old'], em),
    ]);
    expect([won, lost]).toEqual([1, 0]);
    expect(await ds.manager.findOneByOrFail(RowEntity, { id: 'r1' })).toMatchObject({ value: 'new' });
  });

  it('runs hooks after the commit, in order, with the transaction closed', async () => {
    const seen: string[] = [];
    const value = await sut.run(async (em) => {
      await em.getRepository(RowEntity).insert({ id: 'a', value: 'x' });
      sut.afterCommit(em, () => seen.push(`first active=${String(em.queryRunner?.isTransactionActive)}`));
      sut.afterCommit(em, () => seen.push('second'));
      seen.push('work done');
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toEqual(['work done', 'first active=false', 'second']);
  });

  it('drops hooks when the transaction rolls back', async () => {
    const seen: string[] = [];
    await expect(
      sut.run(async (em) => {
        await em.getRepository(RowEntity).insert({ id: 'b', value: 'x' });
        sut.afterCommit(em, () => seen.push('hook'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).toEqual([]);
    expect(await ds.getRepository(RowEntity).count()).toBe(0);
  });

  it('a throwing hook neither escapes nor stops the others', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    await sut.run(async (em) => {
      await em.getRepository(RowEntity).insert({ id: 'c', value: 'x' });
      sut.afterCommit(em, () => {
        throw new Error('listener bug');
      });
      sut.afterCommit(em, () => seen.push('after the bug'));
    });
    expect(seen).toEqual(['after the bug']);
    expect(logged).toHaveBeenCalledWith({ msg: 'after-commit hook failed', error: 'listener bug' });
    logged.mockRestore();
  });
});

describe('TransactionRunner after SQLite rolled a transaction back by itself', () => {
  let dir: string;
  let ds: DataSource;
  let sut: TransactionRunner;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-runner-'));
    ds = await new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'db.sqlite'),
      entities: [RowEntity],
      synchronize: true,
    }).initialize();
    sut = new TransactionRunner(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // SQLITE_FULL and SQLITE_IOERR may end the transaction inside SQLite; TypeORM's ROLLBACK then
  // fails and its shared query runner believed a transaction was still open, so every later
  // transaction became a savepoint inside one that never committed (docs/operations.md, "Full disk").
  it('later transactions commit, durably, even after another failure', async () => {
    const connection = (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    await expect(
      sut.run(async (em) => {
        await em.getRepository(RowEntity).insert({ id: 'lost', value: 'x' });
        connection.exec('ROLLBACK'); // what SQLite does on its own after a full disk
        throw new Error('database or disk is full');
      }),
    ).rejects.toThrow('database or disk is full');
    // A second failure (an ordinary one) used to leave that phantom transaction open for good.
    await expect(sut.run(async () => Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    for (const id of ['kept', 'kept too'])
      await sut.run(async (em) => void (await em.getRepository(RowEntity).insert({ id, value: 'y' })));
    expect(connection.inTransaction).toBe(false);
    const reader = new Database(join(dir, 'db.sqlite'), { readonly: true });
    try {
      expect(reader.prepare('SELECT id FROM tx_spec_rows ORDER BY id').all()).toEqual([
        { id: 'kept' },
        { id: 'kept too' },
      ]);
    } finally {
      reader.close();
    }
  });
});
