import { initialPayloadFromSchema, validateAgainstSchema } from './action-schema-validator';

describe('validateAgainstSchema', () => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' },
      count: { type: 'integer', minimum: 1, maximum: 3 },
      ratio: { type: 'number' },
      mode: { enum: ['a', 'b'] },
      flag: { type: 'boolean' },
      list: { type: 'array', items: { type: 'integer' }, maxItems: 2 },
      nested: { type: 'object', required: ['x'], properties: { x: { type: ['string', 'null'] } } },
    },
  };
  const paths = (value: unknown): string[] => validateAgainstSchema(schema, value).map((i) => i.path);

  it('accepts a valid payload and ignores unknown keywords and fields', () => {
    expect(
      validateAgainstSchema(
        { ...schema, title: 'x', properties: { ...schema.properties, other: { format: 'password' } } },
        { name: 'ab', count: 2, ratio: 1.5, mode: 'a', flag: true, list: [1], nested: { x: null }, extra: 1 },
      ),
    ).toEqual([]);
  });

  it('reports each violation with a payload path', () => {
    expect(paths({ name: 'A', count: 0, ratio: 'x', mode: 'c', flag: 1, list: [1, 'x', 3], nested: {} })).toEqual([
      'payload.name',
      'payload.name',
      'payload.count',
      'payload.ratio',
      'payload.mode',
      'payload.flag',
      'payload.list',
      'payload.list.1',
      'payload.nested.x',
    ]);
    expect(paths({})).toEqual(['payload.name']);
    expect(paths({ name: 'abcde' })).toEqual(['payload.name']);
    expect(paths({ name: 'ab', count: 1.5 })).toEqual(['payload.count']);
    expect(paths({ name: 'ab', count: 4 })).toEqual(['payload.count']);
  });

  it('treats an empty or missing schema as "anything goes" and survives bad patterns', () => {
    expect(validateAgainstSchema({}, { a: 1 })).toEqual([]);
    expect(validateAgainstSchema(undefined, { a: 1 })).toEqual([]);
    expect(validateAgainstSchema({ properties: { a: { type: 'string', pattern: '(' } } }, { a: 'x' })).toEqual([]);
    expect(validateAgainstSchema({ type: 'object' }, [])[0]?.path).toBe('payload');
  });
});

describe('initialPayloadFromSchema', () => {
  it('takes defaults, else zero values by type', () => {
    expect(
      initialPayloadFromSchema({
        properties: {
          a: { type: 'string', default: 'x' },
          n: { type: 'number' },
          i: { type: 'integer' },
          b: { type: 'boolean' },
          l: { type: 'array' },
          o: { type: 'object' },
          u: { type: ['string', 'null'] },
          s: {},
        },
      }),
    ).toEqual({ a: 'x', n: 0, i: 0, b: false, l: [], o: {}, u: '', s: '' });
    expect(initialPayloadFromSchema(null)).toEqual({});
  });
});
