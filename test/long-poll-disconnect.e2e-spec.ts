import { once } from 'node:events';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentFastPath } from '../src/agent-gateway/agent-fast-path';
import { AgentsService } from '../src/agents/agents.service';
import { CommandNotifier } from '../src/commands/command-notifier';
import { CommandDispatchService } from '../src/commands/command-dispatch.service';
import type { PollResult } from '../src/commands/parked-poll';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';
import { waitFor } from './support/wait';

/**
 * A long-poll whose client leaves while the request is still being authenticated (the token lookup
 * is a database read; slow on a loaded PostgreSQL). The connection's 'close' fires before the
 * handler (the fast path's or the controller) runs; the poll must still see that the client is
 * gone, instead of parking for its whole `waitSeconds` on a closed socket
 * (docs/actions-and-commands.md, "Agent poll and long-poll").
 * The delay is injected into the token lookup, so the order is forced, not hoped for.
 */
describe.each([
  ['the agent fast path', 'true'],
  ["Nest's pipeline", 'false'],
])('long-poll through %s: a client gone before the handler ran', (_path, fastPath) => {
  let t: TestApp;
  let admin: AdminClient;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ listen: true, env: { OPSTAGE_AGENT_FAST_PATH: fastPath } });
    admin = await loginAs(t.server);
    port = (t.server.address() as AddressInfo).port;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
  });

  /**
   * Sends a long-poll and drops its connection while the agent guard is looking up the token;
   * the lookup returns only after the server saw the connection close. `answered` is the dispatch
   * service's poll (reached after the guard).
   */
  async function pollAndLeaveDuringAuth(
    a: SeededAgent,
    waitSeconds: number,
  ): Promise<{ answered: Promise<PollResult> }> {
    const agents = t.app.get(AgentsService);
    const lookup = agents.findActiveToken.bind(agents);
    const service = t.app.get(CommandDispatchService);
    const poll = service.poll.bind(service);
    // The dispatch service answers through a receiver; this one also hands the answer to the test.
    let answered: Promise<PollResult> | undefined;
    const dispatch = jest
      .spyOn(service, 'poll')
      .mockImplementation((ctx, agentId, limit, wait, pollClient, receiver) => {
        answered = new Promise<PollResult>((resolve, reject) =>
          poll(ctx, agentId, limit, wait, pollClient, {
            polled: (result) => {
              receiver.polled(result);
              resolve(result);
            },
            failed: (error) => {
              receiver.failed(error);
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          }),
        );
      });
    const fast = t.app.get(AgentFastPath);
    const servedBefore = fast.served;
    let serverSawClose: Promise<void> | undefined;
    t.server.once('request', (_req: IncomingMessage, res: ServerResponse) => {
      serverSawClose = once(res, 'close').then(() => undefined);
    });
    let entered: (() => void) | undefined;
    const inGuard = new Promise<void>((resolve) => (entered = resolve));
    jest.spyOn(agents, 'findActiveToken').mockImplementation(async (hash) => {
      const row = await lookup(hash);
      entered?.();
      await serverSawClose;
      return row;
    });

    const client = request({
      host: '127.0.0.1',
      port,
      path: `/api/agents/${a.agentId}/commands?waitSeconds=${waitSeconds}`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    client.on('error', () => undefined);
    client.end();
    await inGuard;
    client.destroy();
    await waitFor(() => dispatch.mock.calls.length === 1, 5000, 'the poll reached the dispatch service');
    // The path under test is the one that served it.
    expect(fast.served - servedBefore).toBe(fastPath === 'true' ? 1 : 0);
    return { answered: answered! };
  }

  it('releases its subscription at once instead of after waitSeconds', async () => {
    const a = await seedAgentWithService(t.app);
    const notifier = t.app.get(CommandNotifier);
    const began = Date.now();
    const { answered } = await pollAndLeaveDuringAuth(a, 20);
    await expect(answered).resolves.toEqual({ commands: [], cancelledCommandIds: [] });
    expect(Date.now() - began).toBeLessThan(5000);
    expect(notifier.size()).toBe(0);
  });

  it('claims nothing for it: a queued command stays PENDING for the next poll', async () => {
    const a = await seedAgentWithService(t.app);
    const exec = await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} });
    expect(exec.status).toBe(200);
    const id = (exec.body as { data: { id: string } }).data.id;
    const { answered } = await pollAndLeaveDuringAuth(a, 20);
    await expect(answered).resolves.toEqual({ commands: [], cancelledCommandIds: [] });
    const detail = await admin.get(`/api/admin/commands/${id}`);
    expect((detail.body as { data: { status: string } }).data.status).toBe('PENDING');
  });
});
