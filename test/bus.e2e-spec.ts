import request from 'supertest';
import { DataSource } from 'typeorm';
import type { BusEventRequest } from '../sdk/src/protocol-bus';
import { BusEventEntity } from '../src/bus/bus-event.entity';
import { CommandEntity } from '../src/commands/command.entity';
import { createTestApp, type TestApp } from './support/create-test-app';
import { asAgent, loginAs, type AdminClient } from './support/http';
import { poll, waitForSubscribers, type AgentCommand } from './support/commands-helpers';
import { registerAgent, userWithRole, type SeededAgent } from './support/seed';

/**
 * Capsule Bus with the flag on (docs/capsule-bus.md, "Publishing an event"): the reference's scenarios 2 and 4 plus causation,
 * inputMapping, dry runs, refused targets, failures and redaction. Real registered agents, real
 * SQLite, real HTTP. Scenario 1 (flag off) is in bus-flag, scenario 3 and the depth setting in
 * bus-limits, the SDK's publish() in sdk-bus.
 */

interface Envelope<T> {
  success: boolean;
  data: T;
  experimental?: string;
  pagination?: { page: number; pageSize: number; total: number };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

interface RoutedCommand {
  routeId: string;
  commandId?: string;
  dryRun: boolean;
  targetServiceCode: string;
  actionName: string;
  status: 'CREATED' | 'DRY_RUN' | 'FAILED';
  errorCode?: string;
  errorMessage?: string;
  payloadPreview?: Record<string, unknown>;
}

interface PublishData {
  eventId: string;
  experimental: string;
  routedCommands: RoutedCommand[];
}

interface Route {
  id: string;
  status: string;
  match: { eventType: string; sourceServiceCode?: string };
  target: { serviceCode: string; actionName: string };
  inputMapping: Record<string, unknown>;
  experimental: string;
}

interface AuditRow {
  action: string;
  actorType: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  metadata: Record<string, unknown>;
}

const SECRET = 'pw-secret-value-123';

function publish(t: TestApp, a: SeededAgent, body: BusEventRequest | Record<string, unknown>): request.Test {
  return asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/bus/events`, body);
}

function routeBody(
  eventType: string,
  target: { serviceCode: string; actionName: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name: `route ${eventType}`, status: 'ENABLED', match: { eventType }, target, ...extra };
}

describe('Capsule Bus with the flag on', () => {
  let t: TestApp;
  let admin: AdminClient;
  let viewer: AdminClient;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } });
    admin = await loginAs(t.server);
    viewer = await userWithRole(t.server, admin, 'bus-viewer', 'viewer');
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  async function busAudit(): Promise<AuditRow[]> {
    const res = await viewer.get('/api/admin/bus/audit?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.experimental).toBe('v0.4-experimental');
    return (res.body as Envelope<AuditRow[]>).data;
  }

  async function createRoute(body: Record<string, unknown>): Promise<Route> {
    const res = await admin.post('/api/admin/bus/routes', body);
    if (res.status !== 200) throw new Error(`route create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Envelope<Route>).data;
  }

  async function commandsOf(serviceId: string): Promise<CommandEntity[]> {
    return ds.getRepository(CommandEntity).find({ where: { serviceId } });
  }

  it('as the reference: accepts a bus event and creates a routed command (with redaction in the event and the command)', async () => {
    const a = await registerAgent(t.server, admin, 'demo-worker', [{ name: 'notify', label: 'Notify' }]);
    const created = await admin.post('/api/admin/bus/routes', {
      name: 'demo route',
      status: 'ENABLED',
      match: { eventType: 'demo.item.created', sourceServiceCode: a.serviceCode },
      target: { serviceCode: a.serviceCode, actionName: 'notify' },
    });
    expect(created.status).toBe(200);
    expect(created.body.experimental).toBe('v0.4-experimental');
    const route = (created.body as Envelope<Route>).data;
    expect(route).toMatchObject({
      id: expect.stringMatching(/^brt_/),
      status: 'ENABLED',
      experimental: 'v0.4-experimental',
      inputMapping: {},
    });

    const got = await viewer.get(`/api/admin/bus/routes/${route.id}`);
    expect([got.status, got.body.data.status, got.body.experimental]).toEqual([200, 'ENABLED', 'v0.4-experimental']);
    const toDry = await admin.put(`/api/admin/bus/routes/${route.id}`, {
      name: 'demo route',
      status: 'DRY_RUN',
      match: route.match,
      target: route.target,
    });
    expect([toDry.status, toDry.body.data.status]).toEqual([200, 'DRY_RUN']);
    const back = await admin.put(`/api/admin/bus/routes/${route.id}`, {
      name: 'demo route',
      status: 'ENABLED',
      match: route.match,
      target: route.target,
    });
    expect([back.status, back.body.data.status]).toEqual([200, 'ENABLED']);

    const missing = await publish(t, a, {
      eventType: 'demo.item.created',
      sourceServiceCode: 'missing-service',
      payload: {},
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'BUS_SOURCE_SERVICE_NOT_FOUND']);

    const res = await publish(t, a, {
      eventType: 'demo.item.created',
      sourceServiceCode: a.serviceCode,
      payload: { itemId: 'item-1', password: SECRET },
      metadata: { apiKey: SECRET, trace: 't-1' },
    });
    expect(res.status).toBe(200);
    const data = (res.body as Envelope<PublishData>).data;
    expect(data.experimental).toBe('v0.4-experimental');
    expect(data.eventId).toMatch(/^bev_/);
    expect(data.routedCommands).toHaveLength(1);
    expect(data.routedCommands[0]).toMatchObject({
      routeId: route.id,
      status: 'CREATED',
      actionName: 'notify',
      dryRun: false,
      targetServiceCode: a.serviceCode,
      commandId: expect.stringMatching(/^cmd_/),
    });
    const commandId = data.routedCommands[0]!.commandId!;

    const list = await admin.get(`/api/admin/commands?serviceId=${a.serviceId}`);
    expect(list.body.pagination.total).toBe(1);
    const detail = (await admin.get(`/api/admin/commands/${commandId}`)).body as Envelope<
      Record<string, unknown> & { payload: { busEvent: Record<string, unknown>; payload: Record<string, unknown> } }
    >;
    expect(detail.data).toMatchObject({
      type: 'ACTION_EXECUTE',
      status: 'PENDING',
      createdByType: 'BUS_ROUTE',
      createdById: route.id,
      createdByUserId: null,
    });
    expect(detail.data.payload.payload).toEqual({ itemId: 'item-1', password: '[REDACTED]' });
    expect(detail.data.payload.busEvent).toMatchObject({
      id: data.eventId,
      eventType: 'demo.item.created',
      sourceServiceCode: a.serviceCode,
      experimental: 'v0.4-experimental',
      depth: 0,
    });
    expect(JSON.stringify(detail)).not.toContain(SECRET);

    // Stored rows: the event and the command's readable payload hold no secret; the command's copy is sealed.
    const row = await ds.getRepository(CommandEntity).findOneByOrFail({ id: commandId });
    expect(row.payloadJson).not.toContain(SECRET);
    expect(row.sealedPayload).toEqual(expect.any(String));
    expect(row.sealedPayload).not.toContain(SECRET);
    const stored = await ds.getRepository(BusEventEntity).findOneByOrFail({ id: data.eventId });
    expect(stored.payloadJson).not.toContain(SECRET);
    expect(stored.metadataJson).not.toContain(SECRET);

    // The target agent receives the real value (sealed, not dropped: docs/design/decisions.md, "Sealed secrets, not process memory").
    const polled = (await poll(t.server, a.agentId, a.token)).body as Envelope<AgentCommand[]>;
    expect(polled.data.map((c) => c.id)).toEqual([commandId]);
    expect(polled.data[0]!.payload).toMatchObject({ payload: { itemId: 'item-1', password: SECRET } });

    const events = await viewer.get('/api/admin/bus/events');
    expect(events.status).toBe(200);
    expect(events.body.experimental).toBe('v0.4-experimental');
    expect(events.body.data[0]).toMatchObject({
      id: data.eventId,
      eventType: 'demo.item.created',
      routeCount: 1,
      payload: { itemId: 'item-1', password: '[REDACTED]' },
      metadata: { apiKey: '[REDACTED]', trace: 't-1' },
      experimental: 'v0.4-experimental',
    });
    expect(JSON.stringify(events.body)).not.toContain(SECRET);

    const audit = await busAudit();
    const actions = audit.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'bus.route.created',
        'bus.route.updated',
        'bus.event.accepted',
        'bus.route.matched',
        'bus.command.created',
      ]),
    );
    expect(audit.find((r) => r.action === 'bus.command.created')).toMatchObject({
      actorType: 'SYSTEM',
      targetType: 'Command',
      targetId: commandId,
      metadata: { eventId: data.eventId, routeId: route.id },
    });
    expect(audit.find((r) => r.action === 'bus.event.accepted')).toMatchObject({
      actorType: 'AGENT',
      targetType: 'BusEvent',
      targetId: data.eventId,
    });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('as the reference: rejects events that would exceed max depth (default 1); causation must be a stored event', async () => {
    const a = await registerAgent(t.server, admin, 'depth-agent', [{ name: 'notify', label: 'Notify' }]);
    const base = { eventType: 'depth.test', sourceServiceCode: a.serviceCode };
    const e1 = await publish(t, a, base);
    expect(e1.status).toBe(200);
    const e2 = await publish(t, a, { ...base, causationId: e1.body.data.eventId });
    expect(e2.status).toBe(200);
    const e3 = await publish(t, a, { ...base, causationId: e2.body.data.eventId });
    expect([e3.status, e3.body.error.code]).toEqual([422, 'BUS_DEPTH_EXCEEDED']);
    expect(e3.body.error.details).toMatchObject({ maxDepth: 1, depth: 2 });
    const unknown = await publish(t, a, { ...base, causationId: 'bev_does_not_exist' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'BUS_CAUSATION_NOT_FOUND']);
    const rows = await ds
      .getRepository(BusEventEntity)
      .find({ where: { agentId: a.agentId }, order: { acceptedAt: 'ASC', id: 'ASC' } });
    expect(rows.map((r) => r.depth)).toEqual([0, 1]);
    expect(rows[1]!.causationId).toBe(e1.body.data.eventId);
  });

  it('forbids publishing as another agent’s service and validates the body', async () => {
    const owner = await registerAgent(t.server, admin, 'owner-agent', [{ name: 'notify', label: 'Notify' }]);
    const other = await registerAgent(t.server, admin, 'other-agent', [{ name: 'notify', label: 'Notify' }]);
    const res = await publish(t, other, { eventType: 'x.y', sourceServiceCode: owner.serviceCode });
    expect([res.status, res.body.error.code]).toEqual([403, 'BUS_SOURCE_SERVICE_FORBIDDEN']);
    for (const body of [
      { sourceServiceCode: owner.serviceCode },
      { eventType: 'x', sourceServiceCode: owner.serviceCode, payload: [1] },
      { eventType: 'x', sourceServiceCode: owner.serviceCode, extra: 1 },
      { eventType: 'x', sourceServiceCode: owner.serviceCode, occurredAt: 'yesterday' },
      { eventType: 'x', sourceServiceCode: owner.serviceCode, routePolicy: { dryRun: 'yes' } },
    ]) {
      const bad = await publish(t, owner, body);
      expect([bad.status, bad.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    const ok = await publish(t, owner, {
      eventType: 'x.y',
      sourceServiceCode: owner.serviceCode,
      occurredAt: '2026-03-01T10:00:00Z',
      correlationId: 'c-1',
    });
    expect(ok.status).toBe(200);
    const stored = await ds.getRepository(BusEventEntity).findOneByOrFail({ id: ok.body.data.eventId });
    expect(stored).toMatchObject({
      occurredAt: '2026-03-01T10:00:00.000Z',
      correlationId: 'c-1',
      serviceId: owner.serviceId,
      routeCount: 0,
    });
  });

  it('applies inputMapping to build the action payload, and the waiting agent gets it at once', async () => {
    const source = await registerAgent(t.server, admin, 'shop', [{ name: 'noop', label: 'Noop' }]);
    const target = await registerAgent(t.server, admin, 'fulfil', [
      {
        name: 'ship',
        label: 'Ship',
        inputSchema: {
          type: 'object',
          required: ['orderId', 'qty'],
          properties: { orderId: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
        },
      },
    ]);
    const route = await createRoute(
      routeBody(
        'order.paid',
        { serviceCode: target.serviceCode, actionName: 'ship' },
        {
          match: { eventType: 'order.paid', sourceServiceCode: source.serviceCode },
          inputMapping: {
            orderId: '$.payload.order.id',
            qty: '$.payload.order.lines.0.qty',
            reason: 'bus',
            source: '$.sourceServiceCode',
            eventId: '$.id',
            password: '$.payload.password',
            price: '$$5',
          },
        },
      ),
    );
    expect(route.inputMapping).toMatchObject({ orderId: '$.payload.order.id', password: '$.payload.password' });

    const began = Date.now();
    const waiting = poll(t.server, target.agentId, target.token, '?waitSeconds=10');
    await waitForSubscribers(t.app, 1);
    const res = await publish(t, source, {
      eventType: 'order.paid',
      sourceServiceCode: source.serviceCode,
      payload: { order: { id: 'o-42', lines: [{ qty: 3 }] }, password: SECRET },
    });
    expect(res.status).toBe(200);
    const entry = (res.body as Envelope<PublishData>).data.routedCommands[0]!;
    expect(entry).toMatchObject({ status: 'CREATED', routeId: route.id });
    const delivered = (await waiting).body as Envelope<AgentCommand[]>;
    expect(Date.now() - began).toBeLessThan(2000);
    expect(delivered.data).toHaveLength(1);
    expect(delivered.data[0]!.id).toBe(entry.commandId);
    expect(delivered.data[0]!.payload).toEqual({
      orderId: 'o-42',
      qty: 3,
      reason: 'bus',
      source: source.serviceCode,
      eventId: res.body.data.eventId,
      password: SECRET,
      price: '$5',
    });

    const detail = await admin.get(`/api/admin/commands/${entry.commandId!}`);
    expect(detail.body.data.payload).toEqual({
      orderId: 'o-42',
      qty: 3,
      reason: 'bus',
      source: source.serviceCode,
      eventId: res.body.data.eventId,
      password: '[REDACTED]',
      price: '$5',
    });
    const row = await ds.getRepository(CommandEntity).findOneByOrFail({ id: entry.commandId! });
    expect(row.payloadJson).not.toContain(SECRET);

    // A mapping that misses a required field: the route fails on the action schema, audited, no command.
    const before = (await commandsOf(target.serviceId)).length;
    const bad = await publish(t, source, {
      eventType: 'order.paid',
      sourceServiceCode: source.serviceCode,
      payload: { order: { id: 'o-43', lines: [] } },
    });
    expect(bad.body.data.routedCommands[0]).toMatchObject({ status: 'FAILED', errorCode: 'VALIDATION_FAILED' });
    expect((await commandsOf(target.serviceId)).length).toBe(before);
    const failed = (await busAudit()).find(
      (r) => r.action === 'bus.route.failed' && r.metadata.eventId === bad.body.data.eventId,
    );
    expect(failed).toMatchObject({
      result: 'FAILURE',
      actorType: 'SYSTEM',
      targetId: route.id,
      metadata: { reason: 'VALIDATION_FAILED' },
    });
  });

  it('validates inputMapping at creation (bad paths, secret literals)', async () => {
    const a = await registerAgent(t.server, admin, 'mapping-agent', [{ name: 'notify', label: 'Notify' }]);
    const target = { serviceCode: a.serviceCode, actionName: 'notify' };
    const bad = await admin.post(
      '/api/admin/bus/routes',
      routeBody('m.x', target, { inputMapping: { a: '$.nowhere.x', b: '$oops' } }),
    );
    expect([bad.status, bad.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'inputMapping.a',
      'inputMapping.b',
    ]);
    const secret = await admin.post(
      '/api/admin/bus/routes',
      routeBody('m.x', target, { inputMapping: { apiKey: 'sk-literal-value' } }),
    );
    expect([secret.status, secret.body.error.details.issues[0].path]).toEqual([422, 'inputMapping.apiKey']);
    expect(JSON.stringify(await busAudit())).not.toContain('sk-literal-value');
    const notObject = await admin.post(
      '/api/admin/bus/routes',
      routeBody('m.x', target, { inputMapping: ['$.payload'] }),
    );
    expect(notObject.status).toBe(422);
  });

  it('dry runs record what would happen without creating a command (route status and routePolicy)', async () => {
    const a = await registerAgent(t.server, admin, 'dry-agent', [{ name: 'notify', label: 'Notify' }]);
    const dryRoute = await createRoute(
      routeBody(
        'dry.one',
        { serviceCode: a.serviceCode, actionName: 'notify' },
        { status: 'DRY_RUN', inputMapping: { id: '$.payload.id', token: '$.payload.token' } },
      ),
    );
    const res = await publish(t, a, {
      eventType: 'dry.one',
      sourceServiceCode: a.serviceCode,
      payload: { id: 7, token: SECRET },
    });
    expect(res.status).toBe(200);
    const entry = (res.body as Envelope<PublishData>).data.routedCommands[0]!;
    expect(entry).toEqual({
      routeId: dryRoute.id,
      dryRun: true,
      targetServiceCode: a.serviceCode,
      actionName: 'notify',
      status: 'DRY_RUN',
      payloadPreview: { id: 7, token: '[REDACTED]' },
    });
    expect(await commandsOf(a.serviceId)).toEqual([]);
    const matched = (await busAudit()).find(
      (r) => r.action === 'bus.route.matched' && r.metadata.eventId === res.body.data.eventId,
    );
    expect(matched).toMatchObject({
      actorType: 'SYSTEM',
      targetType: 'BusRoute',
      targetId: dryRoute.id,
      metadata: {
        dryRun: true,
        outcome: 'DRY_RUN',
        wouldCreate: { serviceId: a.serviceId, actionName: 'notify', payload: { id: 7, token: '[REDACTED]' } },
      },
    });

    await createRoute(routeBody('dry.two', { serviceCode: a.serviceCode, actionName: 'notify' }));
    const forced = await publish(t, a, {
      eventType: 'dry.two',
      sourceServiceCode: a.serviceCode,
      routePolicy: { dryRun: true },
    });
    expect(forced.body.data.routedCommands).toEqual([expect.objectContaining({ status: 'DRY_RUN', dryRun: true })]);
    expect(await commandsOf(a.serviceId)).toEqual([]);
    const stored = await ds.getRepository(BusEventEntity).findOneByOrFail({ id: forced.body.data.eventId });
    expect(stored.routeCount).toBe(1);
    expect(JSON.stringify(await busAudit())).not.toContain(SECRET);
  });

  it('refuses dangerous or unknown targets at creation, and re-checks them at dispatch', async () => {
    const a = await registerAgent(t.server, admin, 'danger-agent', [
      { name: 'notify', label: 'Notify' },
      { name: 'wipe', label: 'Wipe', dangerLevel: 'HIGH' },
      { name: 'reboot', label: 'Reboot', requiresConfirmation: true },
    ]);
    for (const actionName of ['wipe', 'reboot']) {
      const res = await admin.post(
        '/api/admin/bus/routes',
        routeBody('danger.x', { serviceCode: a.serviceCode, actionName }),
      );
      expect([actionName, res.status, res.body.error.code]).toEqual([actionName, 422, 'BUS_ROUTE_TARGET_INVALID']);
    }
    const noService = await admin.post(
      '/api/admin/bus/routes',
      routeBody('danger.x', { serviceCode: 'svc-nope', actionName: 'notify' }),
    );
    expect([noService.status, noService.body.error.code]).toEqual([404, 'CAPSULE_SERVICE_NOT_FOUND']);
    const noAction = await admin.post(
      '/api/admin/bus/routes',
      routeBody('danger.x', { serviceCode: a.serviceCode, actionName: 'nope' }),
    );
    expect([noAction.status, noAction.body.error.code]).toEqual([404, 'ACTION_NOT_FOUND']);

    const route = await createRoute(routeBody('danger.x', { serviceCode: a.serviceCode, actionName: 'notify' }));
    const toDanger = await admin.put(
      `/api/admin/bus/routes/${route.id}`,
      routeBody('danger.x', { serviceCode: a.serviceCode, actionName: 'wipe' }, { status: 'DISABLED' }),
    );
    expect([toDanger.status, toDanger.body.error.code]).toEqual([422, 'BUS_ROUTE_TARGET_INVALID']);

    // The agent later declares `notify` HIGH: dispatch refuses it (no confirmation on the bus path) …
    const report = await asAgent(t.server, a.token).post(`/api/agents/${a.agentId}/services/report`, {
      services: [
        {
          code: a.serviceCode,
          name: a.serviceCode,
          version: '1.0.1',
          manifest: { kind: 'test' },
          health: { status: 'UP' },
          actions: [{ name: 'notify', label: 'Notify', dangerLevel: 'HIGH' }],
        },
      ],
    });
    expect(report.status).toBe(200);
    const res = await publish(t, a, { eventType: 'danger.x', sourceServiceCode: a.serviceCode });
    expect(res.body.data.routedCommands[0]).toMatchObject({
      status: 'FAILED',
      errorCode: 'ACTION_REQUIRES_CONFIRMATION',
    });
    expect(await commandsOf(a.serviceId)).toEqual([]);
    // … keeping it ENABLED is refused, switching it off always works.
    expect(
      (
        await admin.put(
          `/api/admin/bus/routes/${route.id}`,
          routeBody('danger.x', { serviceCode: a.serviceCode, actionName: 'notify' }),
        )
      ).status,
    ).toBe(422);
    const off = await admin.put(
      `/api/admin/bus/routes/${route.id}`,
      routeBody('danger.x', { serviceCode: a.serviceCode, actionName: 'notify' }, { status: 'DISABLED' }),
    );
    expect([off.status, off.body.data.status]).toEqual([200, 'DISABLED']);
  });

  it('reports missing targets and unavailable agents as FAILED entries, and unmatched events', async () => {
    const src = await registerAgent(t.server, admin, 'src-agent', [{ name: 'noop', label: 'Noop' }]);
    const dst = await registerAgent(t.server, admin, 'dst-agent', [
      { name: 'notify', label: 'Notify' },
      { name: 'other', label: 'Other' },
    ]);
    const route = await createRoute(routeBody('fail.x', { serviceCode: dst.serviceCode, actionName: 'notify' }));

    expect((await admin.post(`/api/admin/agents/${dst.agentId}/disable`)).status).toBe(200);
    const disabled = await publish(t, src, { eventType: 'fail.x', sourceServiceCode: src.serviceCode });
    expect(disabled.body.data.routedCommands[0]).toMatchObject({
      routeId: route.id,
      status: 'FAILED',
      errorCode: 'AGENT_DISABLED',
    });
    expect((await admin.post(`/api/admin/agents/${dst.agentId}/enable`)).status).toBe(200);

    // The action vanishes from the catalog.
    await asAgent(t.server, dst.token).post(`/api/agents/${dst.agentId}/heartbeat`, {});
    const rep = await asAgent(t.server, dst.token).post(`/api/agents/${dst.agentId}/services/report`, {
      services: [
        {
          code: dst.serviceCode,
          name: dst.serviceCode,
          version: '1.0.0',
          manifest: { kind: 'test' },
          health: { status: 'UP' },
          actions: [{ name: 'other', label: 'Other' }],
        },
      ],
    });
    expect(rep.status).toBe(200);
    const gone = await publish(t, src, { eventType: 'fail.x', sourceServiceCode: src.serviceCode });
    expect(gone.body.data.routedCommands[0]).toMatchObject({
      status: 'FAILED',
      errorCode: 'BUS_TARGET_NOT_FOUND',
      errorMessage: 'Target service/action was not found.',
    });
    expect(await commandsOf(dst.serviceId)).toEqual([]);

    const none = await publish(t, src, { eventType: 'nobody.listens', sourceServiceCode: src.serviceCode });
    expect(none.body.data.routedCommands).toEqual([]);
    const audit = await busAudit();
    expect(
      audit
        .filter((r) => r.action === 'bus.route.failed' && r.targetId === route.id)
        .map((r) => r.metadata.reason)
        .sort(),
    ).toEqual(['AGENT_DISABLED', 'BUS_TARGET_NOT_FOUND']);
    expect(audit.find((r) => r.action === 'bus.route.unmatched')).toMatchObject({
      targetType: 'BusEvent',
      targetId: none.body.data.eventId,
      metadata: { eventType: 'nobody.listens', sourceServiceCode: src.serviceCode },
    });
  });

  it('routes without a source match any service; disabled routes never fire', async () => {
    const a = await registerAgent(t.server, admin, 'any-a', [{ name: 'notify', label: 'Notify' }]);
    const b = await registerAgent(t.server, admin, 'any-b', [{ name: 'noop', label: 'Noop' }]);
    await createRoute(
      routeBody(
        'any.src',
        { serviceCode: a.serviceCode, actionName: 'notify' },
        { match: { eventType: 'any.src', sourceServiceCode: null } },
      ),
    );
    await createRoute(
      routeBody('any.src', { serviceCode: a.serviceCode, actionName: 'notify' }, { status: 'DISABLED' }),
    );
    await createRoute(
      routeBody(
        'any.src',
        { serviceCode: a.serviceCode, actionName: 'notify' },
        { match: { eventType: 'any.src', sourceServiceCode: 'someone-else' } },
      ),
    );
    for (const from of [a, b]) {
      const res = await publish(t, from, { eventType: 'any.src', sourceServiceCode: from.serviceCode });
      expect(res.body.data.routedCommands.map((r: RoutedCommand) => r.status)).toEqual(['CREATED']);
    }
    expect(await commandsOf(a.serviceId)).toHaveLength(2);
  });

  it('route CRUD: roles, validation, pagination, 404s, kept mapping on PUT, audit', async () => {
    const a = await registerAgent(t.server, admin, 'crud-agent', [{ name: 'notify', label: 'Notify' }]);
    const target = { serviceCode: a.serviceCode, actionName: 'notify' };
    expect((await viewer.post('/api/admin/bus/routes', routeBody('crud.x', target))).status).toBe(403);
    for (const body of [
      { ...routeBody('crud.x', target), unknown: 1 },
      { name: 'x', match: { eventType: 'e' } },
      routeBody('crud.x', target, { status: 'ON' }),
      routeBody('', target),
    ]) {
      const res = await admin.post('/api/admin/bus/routes', body);
      expect([res.status, res.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    const route = await createRoute(
      routeBody('crud.x', target, {
        description: 'd',
        inputMapping: { id: '$.payload.id' },
        metadata: { owner: 'team', password: 'x' },
      }),
    );
    expect(route).toMatchObject({ description: 'd', metadata: { owner: 'team', password: '[REDACTED]' } });
    const noStatus = await createRoute({ name: 'no status', match: { eventType: 'crud.y' }, target });
    expect(noStatus.status).toBe('DISABLED');

    const put = await admin.put(`/api/admin/bus/routes/${route.id}`, {
      name: 'renamed',
      status: 'DRY_RUN',
      match: { eventType: 'crud.x' },
      target,
    });
    expect(put.body.data).toMatchObject({ name: 'renamed', status: 'DRY_RUN', inputMapping: { id: '$.payload.id' } });
    expect(put.body.data.description).toBeUndefined();
    const cleared = await admin.put(`/api/admin/bus/routes/${route.id}`, {
      name: 'renamed',
      status: 'DRY_RUN',
      match: { eventType: 'crud.x' },
      target,
      inputMapping: {},
    });
    expect(cleared.body.data.inputMapping).toEqual({});

    const page = await viewer.get('/api/admin/bus/routes?page=1&pageSize=1');
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.pagination).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.body.pagination.total).toBeGreaterThanOrEqual(2);
    expect((await viewer.get('/api/admin/bus/routes?pageSize=abc')).status).toBe(422);

    for (const res of [
      await viewer.get('/api/admin/bus/routes/brt_missing'),
      await admin.put('/api/admin/bus/routes/brt_missing', routeBody('crud.x', target)),
      await admin.delete('/api/admin/bus/routes/brt_missing'),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([404, 'BUS_ROUTE_NOT_FOUND']);
    }
    const del = await admin.delete(`/api/admin/bus/routes/${route.id}`);
    expect([del.status, del.body.data.id, del.body.experimental]).toEqual([200, route.id, 'v0.4-experimental']);
    expect((await viewer.get(`/api/admin/bus/routes/${route.id}`)).status).toBe(404);
    const audit = await busAudit();
    expect(audit.filter((r) => r.targetId === route.id).map((r) => r.action)).toEqual([
      'bus.route.deleted',
      'bus.route.updated',
      'bus.route.updated',
      'bus.route.created',
    ]);
    expect(audit.find((r) => r.action === 'bus.route.deleted' && r.targetId === route.id)).toMatchObject({
      actorType: 'USER',
      metadata: { name: 'renamed', eventType: 'crud.x' },
    });
  });

  it('lists events with filters and pagination; the bus audit holds only bus.* rows', async () => {
    const a = await registerAgent(t.server, admin, 'list-a', [{ name: 'noop', label: 'Noop' }]);
    const b = await registerAgent(t.server, admin, 'list-b', [{ name: 'noop', label: 'Noop' }]);
    for (const [who, type] of [
      [a, 'list.one'],
      [a, 'list.two'],
      [b, 'list.one'],
    ] as const) {
      expect((await publish(t, who, { eventType: type, sourceServiceCode: who.serviceCode })).status).toBe(200);
    }
    const byType = await viewer.get('/api/admin/bus/events?eventType=list.one');
    expect(byType.body.pagination.total).toBe(2);
    expect(byType.body.data.map((e: { sourceServiceCode: string }) => e.sourceServiceCode)).toEqual([
      b.serviceCode,
      a.serviceCode,
    ]);
    expect((await viewer.get(`/api/admin/bus/events?serviceCode=${a.serviceCode}`)).body.pagination.total).toBe(2);
    const byAgent = await viewer.get(`/api/admin/bus/events?agentId=${b.agentId}&pageSize=1`);
    expect([byAgent.body.pagination.total, byAgent.body.data[0].agentId, byAgent.body.data[0].sourceServiceId]).toEqual(
      [1, b.agentId, b.serviceId],
    );
    expect((await viewer.get('/api/admin/bus/events?agentId=bad')).status).toBe(422);
    const audit = await viewer.get('/api/admin/bus/audit?page=1&pageSize=5');
    expect(audit.body.data).toHaveLength(5);
    expect(audit.body.pagination.total).toBeGreaterThan(5);
    expect(audit.body.data.every((r: AuditRow) => r.action.startsWith('bus.'))).toBe(true);
  });
});
