import type { AddressInfo } from 'node:net';
import {
  AgentApiError,
  CapsuleAgent,
  MemoryTokenStore,
  type ActionContext,
  type BusEventResponse,
  type JsonObject,
} from '@opstage/agent-node';
import { CommandNotifier } from '../src/commands/command-notifier';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { waitFor } from './support/wait';

/**
 * The real SDK's `publish()` against the real backend with the bus on: a route turns an event
 * of one service into a command on another, delivered by long-poll, and the depth limit is
 * reported to the SDK as a typed error.
 */

interface Envelope<T> {
  success: boolean;
  data: T;
}

interface CommandDetail {
  id: string;
  status: string;
  createdByType: string;
  createdById: string | null;
  createdByUserId: string | null;
  payload: Record<string, unknown>;
  result: { success: boolean; data: Record<string, unknown> } | null;
}

describe('SDK publish() through the Capsule Bus', () => {
  let t: TestApp;
  let admin: AdminClient;
  let backendUrl: string;
  const live: CapsuleAgent[] = [];

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } });
    backendUrl = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await Promise.all(live.splice(0).map((agent) => agent.stop({ timeoutMs: 2000 })));
    await t.close();
  });

  async function agentFor(code: string, setup?: (agent: CapsuleAgent) => void): Promise<CapsuleAgent> {
    const tokenRes = await admin.post('/api/admin/registration-tokens', { name: code });
    expect(tokenRes.status).toBe(200);
    const agent = new CapsuleAgent({
      backendUrl,
      registrationToken: (tokenRes.body as Envelope<{ token: string }>).data.token,
      service: { code, name: `Service ${code}`, version: '1.0.0' },
      agent: { code, name: `Agent ${code}` },
      tokenStore: new MemoryTokenStore(),
      intervals: { heartbeatMs: 1000, commandPollMs: 10_000, serviceReportMs: 60_000 },
      longPollSeconds: 25,
      retry: { initialDelayMs: 200, maxDelayMs: 1000, startupAttempts: 3 },
      stopTimeoutMs: 2000,
      env: {},
      logLevel: 'error',
    });
    agent.health(() => ({ status: 'UP' }));
    setup?.(agent);
    live.push(agent);
    await agent.start();
    return agent;
  }

  it('publish() → route → command on another service, handled by its agent within milliseconds', async () => {
    const runs: { at: number; payload: JsonObject; ctx: ActionContext }[] = [];
    const followUps: BusEventResponse[] = [];
    const worker: CapsuleAgent = await agentFor('sdk-bus-worker', (a) =>
      a.action({
        name: 'ship',
        label: 'Ship',
        inputSchema: {
          type: 'object',
          required: ['orderId'],
          properties: { orderId: { type: 'string' }, eventId: { type: 'string' } },
        },
        handler: async (payload, ctx) => {
          runs.push({ at: Date.now(), payload, ctx });
          // A handler reacting to a bus command declares the causing event, so depth is tracked.
          followUps.push(
            await worker.publish(
              'order.shipped',
              { orderId: payload.orderId ?? null },
              { causationId: String(payload.eventId) },
            ),
          );
          return { shipped: payload.orderId ?? null };
        },
      }),
    );
    const shop = await agentFor('sdk-bus-shop');
    const notifier = t.app.get(CommandNotifier);
    await waitFor(() => notifier.size() >= 2, 3000, 'both agents hold a long-poll');

    const routeRes = await admin.post('/api/admin/bus/routes', {
      name: 'ship paid orders',
      status: 'ENABLED',
      match: { eventType: 'order.paid', sourceServiceCode: 'sdk-bus-shop' },
      target: { serviceCode: 'sdk-bus-worker', actionName: 'ship' },
      inputMapping: {
        orderId: '$.payload.order.id',
        eventId: '$.id',
        note: 'from the bus',
        password: '$.payload.password',
      },
    });
    expect(routeRes.status).toBe(200);
    const routeId = (routeRes.body as Envelope<{ id: string }>).data.id;

    const sentAt = Date.now();
    const published = await shop.publish(
      'order.paid',
      { order: { id: 'o-77' }, password: 'sdk-secret-1' },
      { correlationId: 'corr-77', metadata: { channel: 'web' } },
    );
    const respondedAt = Date.now();
    expect(published.experimental).toBe('v0.4-experimental');
    expect(published.eventId).toMatch(/^bev_/);
    expect(published.routedCommands).toEqual([
      expect.objectContaining({
        routeId,
        status: 'CREATED',
        dryRun: false,
        targetServiceCode: 'sdk-bus-worker',
        actionName: 'ship',
        commandId: expect.stringMatching(/^cmd_/),
      }),
    ]);
    const commandId = published.routedCommands[0]!.commandId!;

    const run = await waitFor(() => runs[0], 5000, 'ship handler started');
    expect(run.at - respondedAt).toBeLessThan(1000);
    expect(run.at - sentAt).toBeLessThan(1000);
    expect(run.payload).toEqual({
      orderId: 'o-77',
      eventId: published.eventId,
      note: 'from the bus',
      password: 'sdk-secret-1',
    });
    expect(run.ctx).toMatchObject({
      commandId,
      commandType: 'ACTION_EXECUTE',
      actionName: 'ship',
      serviceCode: 'sdk-bus-worker',
      createdByUserId: null,
    });

    const detail = await waitFor(
      async () => {
        const d = ((await admin.get(`/api/admin/commands/${commandId}`)).body as Envelope<CommandDetail>).data;
        return d.status === 'SUCCEEDED' ? d : undefined;
      },
      5000,
      'bus command SUCCEEDED',
    );
    expect(detail).toMatchObject({
      createdByType: 'BUS_ROUTE',
      createdById: routeId,
      createdByUserId: null,
      result: { success: true, data: { shipped: 'o-77' } },
    });
    expect(detail.payload).toMatchObject({ orderId: 'o-77', password: '[REDACTED]' });

    // The follow-up published inside the handler is depth 1; one more level is refused (max depth 1).
    const followUp = await waitFor(() => followUps[0], 3000, 'follow-up published');
    expect(followUp.routedCommands).toEqual([]);
    const events = (await admin.get('/api/admin/bus/events?eventType=order.shipped')).body as Envelope<
      { id: string; depth: number; causationId?: string }[]
    >;
    expect(events.data).toEqual([
      expect.objectContaining({ id: followUp.eventId, depth: 1, causationId: published.eventId }),
    ]);
    const tooDeep = await shop.publish('order.paid', {}, { causationId: followUp.eventId }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(tooDeep).toBeInstanceOf(AgentApiError);
    expect(tooDeep).toMatchObject({ code: 'BUS_DEPTH_EXCEEDED', status: 422 });

    // routePolicy.dryRun from the SDK: the route reports DRY_RUN and the worker gets nothing.
    const dry = await shop.publish('order.paid', { order: { id: 'o-78' } }, { dryRun: true });
    expect(dry.routedCommands).toEqual([expect.objectContaining({ routeId, status: 'DRY_RUN', dryRun: true })]);
    expect(runs).toHaveLength(1);
  });

  it('surfaces bus refusals as typed AgentApiError', async () => {
    const lonely = await agentFor('sdk-bus-lonely');
    const error = await lonely.publish('x', {}, { causationId: 'bev_unknown' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AgentApiError);
    expect(error).toMatchObject({ code: 'BUS_CAUSATION_NOT_FOUND', status: 422 });
  });
});
