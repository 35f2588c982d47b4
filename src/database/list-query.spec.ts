import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { countRows, findPage, LARGE_TOTAL_THRESHOLD, LARGE_TOTAL_TTL_MS } from './list-query';

@Entity('list_spec_rows')
class RowEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'text' }) kind!: string;
}

describe('list-query', () => {
  let ds: DataSource;

  beforeEach(async () => {
    ds = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [RowEntity],
      synchronize: true,
    }).initialize();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ds.destroy();
  });

  /** `n` rows r000001.. with kind 'a' for even and 'b' for odd numbers, starting after `from`. */
  const seed = async (n: number, from = 0): Promise<void> => {
    await ds.query(
      `WITH RECURSIVE s(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM s WHERE i < ?)
       INSERT INTO list_spec_rows (id, kind) SELECT printf('r%06d', i), CASE i % 2 WHEN 0 THEN 'a' ELSE 'b' END FROM s`,
      [from + 1, from + n],
    );
  };
  const ordered = (kind?: string) => {
    const qb = ds.manager.createQueryBuilder(RowEntity, 'r').where('1 = 1');
    if (kind) qb.andWhere('r.kind = :kind', { kind });
    return qb.orderBy('r.id', 'DESC');
  };

  it('returns the page and the exact total on every page, including past the end', async () => {
    await seed(45);
    const [first, total1] = await findPage(ordered(), 0, 20);
    expect(first.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `r${String(45 - i).padStart(6, '0')}`));
    expect(total1).toBe(45);
    const [last, total3] = await findPage(ordered(), 40, 20);
    expect(last.map((r) => r.id)).toEqual(['r000005', 'r000004', 'r000003', 'r000002', 'r000001']);
    expect(total3).toBe(45);
    expect(await findPage(ordered(), 80, 20)).toEqual([[], 45]);
    const [filtered, filteredTotal] = await findPage(ordered('a'), 0, 10);
    expect(filtered).toHaveLength(10);
    expect(filteredTotal).toBe(22);
  });

  it('reports 0 for an empty result and an exact page-size total', async () => {
    expect(await findPage(ordered(), 0, 20)).toEqual([[], 0]);
    await seed(20);
    const [rows, total] = await findPage(ordered(), 0, 20);
    expect(rows).toHaveLength(20);
    expect(total).toBe(20);
  });

  it('counts small totals on every call (inserts show up at once)', async () => {
    await seed(30);
    expect(await countRows(ordered())).toBe(30);
    await seed(1, 30);
    expect(await countRows(ordered())).toBe(31);
  });

  it('reuses a total above the threshold for the TTL only, per filter', async () => {
    let now = 1_000_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    await seed(LARGE_TOTAL_THRESHOLD + 1);
    expect(await countRows(ordered())).toBe(LARGE_TOTAL_THRESHOLD + 1);
    await seed(2, LARGE_TOTAL_THRESHOLD + 1);
    // Cached: the large total lags by at most the TTL...
    expect(await countRows(ordered())).toBe(LARGE_TOTAL_THRESHOLD + 1);
    // ...a different filter is its own key (and small, so exact)...
    expect(await countRows(ordered('a'))).toBe((LARGE_TOTAL_THRESHOLD + 2) / 2);
    now += LARGE_TOTAL_TTL_MS + 1;
    // ...and is counted again once the TTL has passed.
    expect(await countRows(ordered())).toBe(LARGE_TOTAL_THRESHOLD + 3);
  });

  it('keeps totals of two databases apart', async () => {
    await seed(LARGE_TOTAL_THRESHOLD + 1);
    expect(await countRows(ordered())).toBe(LARGE_TOTAL_THRESHOLD + 1);
    const other = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [RowEntity],
      synchronize: true,
    }).initialize();
    try {
      expect(
        await countRows(other.manager.createQueryBuilder(RowEntity, 'r').where('1 = 1').orderBy('r.id', 'DESC')),
      ).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
