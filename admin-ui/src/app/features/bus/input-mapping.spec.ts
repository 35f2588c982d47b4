import {
  MappingRow,
  expressionToValue,
  isBlankRow,
  mappingFromRows,
  rowsFromMapping,
  sameMapping,
  valueToExpression,
} from './input-mapping';

let key = 1000;
const row = (field: string, expression: string): MappingRow => ({ key: key++, field, expression });
const codes = (rows: MappingRow[]) => mappingFromRows(rows).issues.map((i) => `${i.row}:${i.code}`);

describe('inputMapping editor model', () => {
  describe('expressions', () => {
    it('reads paths, $$ literals, JSON values and plain text', () => {
      expect(expressionToValue('$.payload.a.0.b')).toBe('$.payload.a.0.b');
      expect(expressionToValue('  $.metadata.x  ')).toBe('$.metadata.x');
      expect(expressionToValue('$$5')).toBe('$$5');
      expect(expressionToValue('bus')).toBe('bus');
      expect(expressionToValue('hello world')).toBe('hello world');
      expect(expressionToValue('42')).toBe(42);
      expect(expressionToValue('true')).toBe(true);
      expect(expressionToValue('null')).toBeNull();
      expect(expressionToValue('"42"')).toBe('42');
      expect(expressionToValue('[1, "$.payload.x"]')).toEqual([1, '$.payload.x']);
      expect(expressionToValue('{"a": "$.payload.x"}')).toEqual({ a: '$.payload.x' });
      expect(expressionToValue('   ')).toBeUndefined();
    });

    it('writes strings that would read back as something else JSON-quoted', () => {
      expect(valueToExpression('$.payload.text')).toBe('$.payload.text');
      expect(valueToExpression('bus')).toBe('bus');
      expect(valueToExpression('42')).toBe('"42"');
      expect(valueToExpression('true')).toBe('"true"');
      expect(valueToExpression('')).toBe('""');
      expect(valueToExpression(' padded ')).toBe('" padded "');
      expect(valueToExpression(7)).toBe('7');
      expect(valueToExpression(false)).toBe('false');
      expect(valueToExpression(null)).toBe('null');
      expect(valueToExpression({ a: 1 })).toBe('{"a":1}');
    });
  });

  describe('rows ↔ object', () => {
    it('turns a stored mapping into rows in key order', () => {
      const rows = rowsFromMapping({ orderId: '$.payload.order.id', qty: 2, reason: 'bus' });
      expect(rows.map((r) => [r.field, r.expression])).toEqual([
        ['orderId', '$.payload.order.id'],
        ['qty', '2'],
        ['reason', 'bus'],
      ]);
      expect(new Set(rows.map((r) => r.key)).size).toBe(3);
      expect(rowsFromMapping(undefined)).toEqual([]);
      expect(rowsFromMapping(null)).toEqual([]);
    });

    it('round-trips every kind of value exactly', () => {
      const mapping = {
        orderId: '$.payload.order.id',
        first: '$.payload.lines.0.sku',
        meta: '$.metadata.tenant',
        event: '$.id',
        price: '$$5',
        reason: 'bus',
        numberAsText: '42',
        empty: '',
        qty: 3,
        urgent: false,
        nothing: null,
        list: [1, '$.payload.x', 'two'],
        nested: { id: '$.payload.id', note: 'fixed', deeper: { n: 1 } },
      };
      const { mapping: back, issues } = mappingFromRows(rowsFromMapping(mapping));
      expect(issues).toEqual([]);
      expect(back).toEqual(mapping);
      expect(sameMapping(back, mapping)).toBe(true);
    });

    it('builds the object from edited rows and ignores blank rows', () => {
      const rows = [row('message', '$.payload.text'), row('', ''), row(' count ', ' 3 ')];
      expect(isBlankRow(rows[1])).toBe(true);
      expect(mappingFromRows(rows)).toEqual({
        mapping: { message: '$.payload.text', count: 3 },
        issues: [],
      });
      expect(mappingFromRows([])).toEqual({ mapping: {}, issues: [] });
    });
  });

  describe('client-side checks', () => {
    it('flags missing parts, reserved and duplicate field names', () => {
      expect(codes([row('', '$.payload.a')])).toEqual(['0:fieldRequired']);
      expect(codes([row('a', '  ')])).toEqual(['0:expressionRequired']);
      expect(codes([row('__proto__', '1')])).toEqual(['0:fieldReserved']);
      expect(codes([row('a', '1'), row('b', '2'), row('a', '3')])).toEqual(['2:fieldDuplicate']);
      const { mapping } = mappingFromRows([row('a', '1'), row('a', '3')]);
      expect(mapping).toEqual({ a: 1 });
    });

    it('flags paths the server would refuse', () => {
      expect(codes([row('a', '$.payload.a b')])).toEqual(['0:pathInvalid']);
      expect(codes([row('a', '$.payload..x')])).toEqual(['0:pathInvalid']);
      expect(codes([row('a', '$.body.x')])).toEqual(['0:pathRoot']);
      expect(codes([row('a', '$.eventType.x')])).toEqual(['0:pathNotNested']);
      expect(codes([row('a', '$payload.x')])).toEqual(['0:dollarLiteral']);
      expect(codes([row('a', '{"inner": "$oops"}')])).toEqual(['0:dollarLiteral']);
      expect(codes([row('a', '["$.nope"]')])).toEqual(['0:pathRoot']);
      const issue = mappingFromRows([row('a', '$.eventType.x')]).issues[0];
      expect(issue?.params).toEqual({ value: '$.eventType.x', root: '$.eventType' });
    });

    it('accepts every documented form', () => {
      const ok = [
        '$.payload',
        '$.payload.a.0.b',
        '$.metadata.x',
        '$.depth',
        '$.correlationId',
        '$$literal',
        'literal',
        '12',
        '"$.payload.x"',
      ];
      expect(codes(ok.map((e, i) => row(`f${i}`, e)))).toEqual([]);
    });

    it('enforces the server limits', () => {
      const many = Array.from({ length: 65 }, (_, i) => row(`f${i}`, '1'));
      expect(codes(many)).toEqual(['-1:tooManyFields']);
      let deep: unknown = 1;
      for (let i = 0; i < 9; i++) deep = { d: deep };
      expect(codes([row('a', JSON.stringify(deep))])).toEqual(['0:tooDeep']);
      expect(codes([row('a', JSON.stringify('x'.repeat(17_000)))])).toEqual(['-1:tooLarge']);
    });
  });

  it('compares mappings regardless of key order', () => {
    expect(sameMapping({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
    expect(sameMapping({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameMapping(undefined, {})).toBe(true);
  });
});
