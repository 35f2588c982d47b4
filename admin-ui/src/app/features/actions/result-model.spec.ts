import {
  extractSecrets,
  hasConsumedSecrets,
  inferColumns,
  launchFor,
  maskSecrets,
  normalizeDetail,
  normalizeList,
  plainEntries,
  resolveTemplate,
  rowKey,
} from './result-model';
import { groupActions, needsConfirmation } from './action-rules';
import { actionDefinition } from '../../testing/contract-fixtures';

describe('result model', () => {
  it('extracts generatedKey and declared oneTimeFields, never redacted values', () => {
    expect(extractSecrets({ generatedKey: 'opk_live_123', other: 'x' })).toEqual([
      { key: 'generatedKey', value: 'opk_live_123' },
    ]);
    expect(extractSecrets({ generatedKey: '[REDACTED]' })).toEqual([]);
    expect(extractSecrets({ password: 's3cret', oneTimeFields: ['password'] })).toEqual([
      { key: 'password', value: 's3cret' },
    ]);
    expect(extractSecrets({ pin: 1234, oneTimeFields: ['pin'] })).toEqual([
      { key: 'pin', value: '1234' },
    ]);
    expect(extractSecrets(null)).toEqual([]);
    expect(hasConsumedSecrets({ generatedKey: '[REDACTED]' })).toBe(true);
    expect(hasConsumedSecrets({ pin: '[REDACTED]', oneTimeFields: ['pin'] })).toBe(true);
    expect(hasConsumedSecrets({ generatedKey: 'live' })).toBe(false);
  });

  it('resolves $row templates recursively', () => {
    const row = { id: 'acc_1', profile: { email: 'a@b.c' }, tags: ['x'] };
    expect(
      resolveTemplate(
        {
          accountId: '$row.id',
          nested: { email: '$row.profile.email' },
          list: ['$row.id', 'lit'],
          n: 3,
        },
        row,
      ),
    ).toEqual({
      accountId: 'acc_1',
      nested: { email: 'a@b.c' },
      list: ['acc_1', 'lit'],
      n: 3,
    });
    expect(resolveTemplate('$row.missing', row)).toBeUndefined();
  });

  it('builds a launch request and moves __detail out of the payload', () => {
    const launch = launchFor(
      {
        label: 'Disable',
        action: 'disable-account',
        payload: { accountId: '$row.id', __detail: { id: '$row.id' } },
        danger: true,
      },
      { id: 'acc_9' },
    );
    expect(launch).toEqual({
      action: 'disable-account',
      payload: { accountId: 'acc_9' },
      detail: { id: 'acc_9' },
    });
  });

  it('normalises lists with declared or inferred columns', () => {
    const list = normalizeList({
      title: 'Accounts',
      data: [{ id: 'a', enabled: true, size: 2048 }],
      columns: [
        { key: 'id', label: 'ID', copyable: true },
        { key: 'size', label: 'Size', format: 'bytes' },
        { key: 'x', format: 'nope' },
      ],
      rowActions: [
        { label: 'Open', action: 'open', payload: { id: '$row.id' } },
        { label: 'Broken' },
      ],
      pageSize: 5,
    });
    expect(list?.title).toBe('Accounts');
    expect(list?.columns.map((c) => [c.key, c.format, c.copyable])).toEqual([
      ['id', 'text', true],
      ['size', 'bytes', false],
      ['x', 'text', false],
    ]);
    expect(list?.rowActions).toHaveLength(1);
    expect(list?.pageSize).toBe(5);
    const inferred = normalizeList({ data: [{ a: 1, b: 2, __hidden: 3 }] });
    expect(inferred?.columns.map((c) => c.key)).toEqual(['a', 'b']);
    expect(inferred?.pageSize).toBe(10);
    expect(normalizeList({ title: 'no data' })).toBeNull();
    expect(
      inferColumns(
        Array.from({ length: 1 }, () =>
          Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i])),
        ),
      ),
    ).toHaveLength(8);
  });

  it('normalises detail views', () => {
    const detail = normalizeDetail({
      title: 'Account',
      data: { id: 'a', state: 'UP' },
      fields: [{ key: 'state', label: 'State', format: 'status' }],
    });
    expect(detail?.fields).toEqual([
      {
        key: 'state',
        label: 'State',
        format: 'status',
        copyable: false,
        ellipsis: false,
        width: undefined,
      },
    ]);
    expect(normalizeDetail({ data: 'x' })).toBeNull();
  });

  it('lists plain entries without secrets, structure or raw arrays, and masks secrets in raw JSON', () => {
    const data = {
      echoed: 'hi',
      count: 2,
      generatedKey: 'k',
      list: { data: [] },
      nested: { a: 1 },
      accounts: [{ id: 1 }],
    };
    expect(plainEntries(data, ['generatedKey'])).toEqual([
      { key: 'echoed', value: 'hi' },
      { key: 'count', value: 2 },
      { key: 'nested', value: { a: 1 } },
    ]);
    expect(maskSecrets(data, [{ key: 'generatedKey', value: 'k' }])).toMatchObject({
      generatedKey: '••••••••',
      echoed: 'hi',
    });
  });

  it('keys rows by id, key, name, then index', () => {
    expect(rowKey({ id: 'i', key: 'k' }, 0)).toBe('i');
    expect(rowKey({ key: 'k', name: 'n' }, 0)).toBe('k');
    expect(rowKey({ name: 'n' }, 0)).toBe('n');
    expect(rowKey({}, 4)).toBe('4');
  });
});

describe('action rules', () => {
  const action = actionDefinition;

  it('needs a typed confirmation for HIGH or requiresConfirmation', () => {
    expect(needsConfirmation(action('a', { dangerLevel: 'HIGH' }))).toBe(true);
    expect(needsConfirmation(action('a', { requiresConfirmation: true }))).toBe(true);
    expect(needsConfirmation(action('a', { dangerLevel: 'MEDIUM' }))).toBe(false);
  });

  it('groups by known category order, hides row/page actions, sorts by order then label', () => {
    const groups = groupActions([
      action('zeta', { category: 'zzz' }),
      action('b', { category: 'diagnostics', order: 2 }),
      action('a', { category: 'diagnostics', order: 1 }),
      action('acc', { category: 'account' }),
      action('row', { category: 'row-action' }),
      action('plain'),
    ]);
    expect(groups.map((g) => g.category)).toEqual(['account', 'diagnostics', 'other', 'zzz']);
    expect(groups[1]?.actions.map((a) => a.name)).toEqual(['a', 'b']);
  });
});
