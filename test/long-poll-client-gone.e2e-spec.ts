import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { CommandDispatchService } from '../src/commands/command-dispatch.service';
import { CommandEntity } from '../src/commands/command.entity';
import { CommandNotifier } from '../src/commands/command-notifier';
import { RequestContext } from '../src/common/context/request-context';
import { Clock } from '../src/common/time/clock';
import { createTestApp, type TestApp } from './support/create-test-app';
import { loginAs, type AdminClient } from './support/http';
import { seedAgentWithService, type SeededAgent } from './support/seed';
import { waitForSubscribers } from './support/commands-helpers';
import { sleep } from './support/wait';
import type { PollResult } from '../src/commands/parked-poll';
import { LeavingPollClient } from './support/leaving-poll-client';

/**
 * A long-poll whose client is gone must not claim commands: the claim would make them RUNNING
 * for an agent that never receives them, until they expire (found by the reliability tests,
 * docs/operations.md, Reliability).
 */
describe('long-poll of a client that went away', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    admin = await loginAs(t.server);
  });
  afterAll(async () => {
    await t.close();
  });

  const statusOf = async (id: string): Promise<string | undefined> =>
    (await t.app.get(DataSource).getRepository(CommandEntity).findOne({ where: { id } }))?.status;

  const execute = async (a: SeededAgent): Promise<string> =>
    (
      (await admin.post(`/api/admin/capsule-services/${a.serviceId}/actions/ping`, { payload: {} })).body as {
        data: { id: string };
      }
    ).data.id;

  it('ends the wait when the client closes its side of the connection', async () => {
    const a = await seedAgentWithService(t.app);
    const { port } = t.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(
      `GET /api/agents/${a.agentId}/commands?waitSeconds=20 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${a.token}\r\n\r\n`,
    );
    await waitForSubscribers(t.app, 1);
    socket.end();
    await waitForSubscribers(t.app, 0).catch(() => {
      throw new Error('the long-poll kept waiting after its client closed the connection');
    });
    const id = await execute(a);
    await sleep(100);
    expect(await statusOf(id)).toBe('PENDING');
    socket.destroy();
  });

  it('does not claim when the wake-up and the disconnect land in the same turn', async () => {
    const a = await seedAgentWithService(t.app);
    const clock = t.app.get(Clock);
    const commands = t.app.get(DataSource).getRepository(CommandEntity);
    // The command exists but is not claimable while the poll starts waiting...
    const id = await execute(a);
    await commands.update({ id }, { status: 'CANCELLED' });
    const gone = new LeavingPollClient();
    const dispatch = t.app.get(CommandDispatchService);
    const polling = new Promise<PollResult>((polled, failed) =>
      dispatch.poll(RequestContext.system(clock), a.agentId, 10, 20, gone, { polled, failed }),
    );
    await waitForSubscribers(t.app, 1);
    // ...then becomes claimable, its wake-up is queued, and the client vanishes in the same turn.
    await commands.update({ id }, { status: 'PENDING' });
    t.app.get(CommandNotifier).notifyAgent(a.agentId);
    gone.leave();
    const out = await polling;
    expect(out.commands).toEqual([]);
    expect(await statusOf(id)).toBe('PENDING');
  });
});
