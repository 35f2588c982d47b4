import { Logger } from '@nestjs/common';
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
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [RowEntity], synchronize: true }).initialize();
    sut = new TransactionRunner(ds);
  });
  afterEach(async () => {
    await ds.destroy();
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
