import { applyInputMapping, referencePayload, validateInputMapping, type EventView } from './input-mapping';

const event: EventView = {
  id: 'bev_1',
  eventType: 'order.created',
  sourceServiceCode: 'shop',
  sourceServiceId: 'svc_1',
  agentId: 'agt_1',
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  depth: 0,
  payload: { order: { id: 'o-1', lines: [{ sku: 'A' }, { sku: 'B' }], total: 12.5, paid: true }, password: 'pw' },
  metadata: { tenant: 't1' },
};

describe('inputMapping', () => {
  it('resolves payload, metadata and event-field paths, including array indexes', () => {
    const out = applyInputMapping(
      {
        orderId: '$.payload.order.id',
        sku: '$.payload.order.lines.1.sku',
        total: '$.payload.order.total',
        paid: '$.payload.order.paid',
        tenant: '$.metadata.tenant',
        source: '$.sourceServiceCode',
        eventId: '$.id',
        depth: '$.depth',
      },
      event,
    );
    expect(out).toEqual({
      orderId: 'o-1',
      sku: 'B',
      total: 12.5,
      paid: true,
      tenant: 't1',
      source: 'shop',
      eventId: 'bev_1',
      depth: 0,
    });
  });

  it('copies literals, unescapes $$ and resolves inside nested objects and arrays', () => {
    const out = applyInputMapping(
      {
        reason: 'bus',
        count: 3,
        flag: false,
        none: null,
        price: '$$5',
        nested: { id: '$.payload.order.id', tags: ['x', '$.eventType'] },
      },
      event,
    );
    expect(out).toEqual({
      reason: 'bus',
      count: 3,
      flag: false,
      none: null,
      price: '$5',
      nested: { id: 'o-1', tags: ['x', 'order.created'] },
    });
  });

  it('leaves out fields whose path resolves to nothing, and copies objects instead of aliasing them', () => {
    const out = applyInputMapping(
      {
        missing: '$.payload.order.nope',
        deep: '$.payload.order.lines.9.sku',
        lines: '$.payload.order.lines',
        bad: '$.payload.order.id.x',
      },
      event,
    );
    expect(out).toEqual({ lines: [{ sku: 'A' }, { sku: 'B' }] });
    (out.lines as { sku: string }[])[0]!.sku = 'changed';
    expect((event.payload as { order: { lines: { sku: string }[] } }).order.lines[0]!.sku).toBe('A');
  });

  it('does not read inherited properties', () => {
    expect(applyInputMapping({ p: '$.payload.constructor', q: '$.payload.toString' }, event)).toEqual({});
  });

  it('accepts valid mappings', () => {
    expect(validateInputMapping({})).toEqual([]);
    expect(
      validateInputMapping({
        a: '$.payload.x.0.y',
        b: 'literal',
        c: 1,
        d: { e: ['$.metadata.k'] },
        f: '$$not-a-path',
        password: '$.payload.password',
      }),
    ).toEqual([]);
  });

  it('rejects bad paths, unknown roots, bare $ strings and secret literals with precise paths', () => {
    const issues = validateInputMapping({
      a: '$.nope.x',
      b: '$.payload..x',
      c: '$.eventType.x',
      d: '$oops',
      apiKey: 'literal-secret',
      nested: { token: 42 },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'inputMapping.a',
      'inputMapping.apiKey',
      'inputMapping.b',
      'inputMapping.c',
      'inputMapping.d',
      'inputMapping.nested.token',
    ]);
  });

  it('rejects prototype keys, oversized and too deeply nested mappings', () => {
    expect(
      validateInputMapping(JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>).map((i) => i.path),
    ).toEqual(['inputMapping.__proto__']);
    expect(validateInputMapping({ big: 'x'.repeat(20_000) })[0]?.path).toBe('inputMapping');
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 10; i++) deep = { n: deep };
    expect(validateInputMapping(deep).length).toBeGreaterThan(0);
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 65; i++) many[`f${i}`] = i;
    expect(validateInputMapping(many)[0]?.message).toMatch(/at most 64 fields/);
  });

  it('builds the reference payload when a route has no mapping', () => {
    expect(referencePayload(event, 'v0.4-experimental')).toEqual({
      busEvent: { ...event, experimental: 'v0.4-experimental' },
      payload: event.payload,
    });
  });
});
