import { DataSource } from 'typeorm';
import type { BusEventRequest } from '../sdk/src/protocol-bus';
import { BusEventEntity } from '../src/bus/bus-event.entity';
import { createTestApp, FixedClock, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { registerAgent, type SeededAgent } from './support/seed';

/** Capsule Bus limits: the per-agent sliding rate window and OPSTAGE_CAPSULE_BUS_MAX_DEPTH. */

function publish(t: TestApp, a: SeededAgent, body: BusEventRequest) {
  return asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/bus/events`, body);
}

describe('Capsule Bus rate limit (OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN=2, fixed clock)', () => {
  let t: TestApp;
  let admin: AdminClient;
  const clock = new FixedClock('2026-05-01T12:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true', OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '2' },
    });
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  it('as the reference: two events pass, the third is 429 BUS_RATE_LIMITED; the window slides open again after 60 s', async () => {
    const a = await registerAgent(t.server, admin, 'rate-agent', [{ name: 'noop', label: 'Noop' }]);
    const b = await registerAgent(t.server, admin, 'rate-other', [{ name: 'noop', label: 'Noop' }]);
    const event = (x: SeededAgent): BusEventRequest => ({ eventType: 'rate.test', sourceServiceCode: x.serviceCode });

    expect((await publish(t, a, event(a))).status).toBe(200);
    clock.advance(10_000);
    expect((await publish(t, a, event(a))).status).toBe(200);
    const limited = await publish(t, a, event(a));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'BUS_RATE_LIMITED',
      message: 'Bus rate limit exceeded: 2 events/min per agent.',
      details: { limit: 2, windowSeconds: 60 },
    });
    // The first event leaves the window 50 s from now.
    expect(limited.headers['retry-after']).toBe('50');

    // The limit is per agent.
    expect((await publish(t, b, event(b))).status).toBe(200);

    clock.advance(30_000);
    const still = await publish(t, a, event(a));
    expect([still.status, still.headers['retry-after']]).toEqual([429, '20']);

    // 61 s after the first event: it has left the window, one slot is free again.
    clock.advance(21_000);
    expect((await publish(t, a, event(a))).status).toBe(200);
    expect((await publish(t, a, event(a))).status).toBe(429);

    // Rejected events are not stored.
    const stored = await t.app
      .get(DataSource)
      .getRepository(BusEventEntity)
      .count({ where: { agentId: a.agentId } });
    expect(stored).toBe(3);
  });
});

describe('Capsule Bus depth (OPSTAGE_CAPSULE_BUS_MAX_DEPTH=2)', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true', OPSTAGE_CAPSULE_BUS_MAX_DEPTH: '2' } });
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  it('honours the setting: a chain of two caused events is accepted, a third is 422 BUS_DEPTH_EXCEEDED', async () => {
    const a = await registerAgent(t.server, admin, 'chain-a', [{ name: 'noop', label: 'Noop' }]);
    const b = await registerAgent(t.server, admin, 'chain-b', [{ name: 'noop', label: 'Noop' }]);
    const root = await publish(t, a, { eventType: 'chain', sourceServiceCode: a.serviceCode });
    expect(root.status).toBe(200);
    // Causation crosses agents: b's event is caused by a's.
    const first = await publish(t, b, {
      eventType: 'chain',
      sourceServiceCode: b.serviceCode,
      causationId: root.body.data.eventId,
    });
    expect(first.status).toBe(200);
    const second = await publish(t, a, {
      eventType: 'chain',
      sourceServiceCode: a.serviceCode,
      causationId: first.body.data.eventId,
    });
    expect(second.status).toBe(200);
    const third = await publish(t, b, {
      eventType: 'chain',
      sourceServiceCode: b.serviceCode,
      causationId: second.body.data.eventId,
    });
    expect(third.status).toBe(422);
    expect(third.body.error).toMatchObject({
      code: 'BUS_DEPTH_EXCEEDED',
      message: expect.stringContaining('max depth is 2'),
      details: { depth: 3, maxDepth: 2 },
    });

    const events = await admin.get('/api/admin/bus/events?eventType=chain');
    expect(
      events.body.data.map((e: { id: string; depth: number; causationId?: string }) => [
        e.id,
        e.depth,
        e.causationId ?? null,
      ]),
    ).toEqual([
      [second.body.data.eventId, 2, first.body.data.eventId],
      [first.body.data.eventId, 1, root.body.data.eventId],
      [root.body.data.eventId, 0, null],
    ]);
  });
});
