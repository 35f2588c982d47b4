import { join } from 'node:path';
import { CapsuleAgent } from '@opstage/agent-node';
import { report } from '../reliability/support/mode';
import { Operator, OWNER } from '../reliability/support/server-process';
import { isPoll, recordingFetch, type RequestRecord } from '../support/sdk-harness';
import { sleep, waitFor } from '../support/wait';
import { ReplicaSet, replicaId } from './support/replica-set';

/**
 * Issue 18, "a multi-replica e2e with three server processes on one PostgreSQL": the built server
 * started three times on one database (one set of processes for the whole file), a real SDK agent
 * on replica 1 and an operator on each replica. What one replica is told, the others act on:
 * executes and cancels reach the agent, the sweep runs once per interval across the three, the
 * login throttle is one budget, and settings are one set of values.
 */

const SWEEP_SECONDS = 2;
const LONG_POLL_SECONDS = 25;

jest.setTimeout(120_000);

interface SlotRow {
  slotStart: string;
  replicaId: string;
}

interface SkipLine {
  msg?: string;
  job?: string;
  slotStart?: string;
  replicaId?: string;
  ranBy?: string | null;
}

describe('three server processes on one PostgreSQL database', () => {
  const set = ReplicaSet.create({
    name: 'replica-processes',
    count: 3,
    // info: the replicas that lose a sweep slot say so (the sweep case reads those lines).
    env: { OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: String(SWEEP_SECONDS), OPSTAGE_LOG_LEVEL: 'info' },
  });
  const operators: Operator[] = [];
  const requests: RequestRecord[] = [];
  const echoes = new Map<string, number>();
  const slow: { startedAt?: number; abortedAt?: number; commandId?: string } = {};
  const figures: Record<string, number> = {};
  const fileStarted = Date.now();
  let agent: CapsuleAgent | undefined;
  /** When all three replicas were up: the first whole sweep slot after this is counted. */
  let allUpAt = 0;

  beforeAll(async () => {
    await set.start();
    allUpAt = Date.now();
    figures.spawnThreeReplicasMs = set.spawnMs;
    for (const server of set.servers) {
      const operator = new Operator(server.baseUrl);
      await operator.login();
      operators.push(operator);
    }
    agent = new CapsuleAgent({
      backendUrl: set.server(0).baseUrl,
      registrationToken: await operators[1]!.registrationToken('replica-processes'),
      service: { code: 'procs', name: 'Service procs', version: '1.0.0' },
      agent: { code: 'procs', name: 'Agent procs' },
      tokenStore: { file: join(set.dir, 'procs-agent.json') },
      intervals: { heartbeatMs: 2_000, commandPollMs: 10_000, serviceReportMs: 60_000 },
      longPollSeconds: LONG_POLL_SECONDS,
      retry: { initialDelayMs: 200, maxDelayMs: 1_000, disabledDelayMs: 1_000, startupAttempts: 5 },
      stopTimeoutMs: 2_000,
      env: {},
      fetch: recordingFetch(requests),
      logLevel: 'warn',
    });
    agent.health(() => ({ status: 'UP', message: 'ok' }));
    agent.on('error', () => undefined);
    agent.action({
      name: 'echo',
      label: 'Echo',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
      handler: (payload, ctx) => {
        echoes.set(ctx.commandId, Date.now());
        return { echo: payload };
      },
    });
    agent.action({
      name: 'slow-task',
      label: 'Slow task',
      timeoutSeconds: 60,
      handler: (_payload, ctx) =>
        new Promise((resolve) => {
          slow.startedAt = Date.now();
          slow.commandId = ctx.commandId;
          ctx.signal.addEventListener(
            'abort',
            () => {
              slow.abortedAt = Date.now();
              resolve({ aborted: true });
            },
            { once: true },
          );
        }),
    });
    await agent.start();
  });

  afterAll(async () => {
    await agent?.stop({ timeoutMs: 2_000 });
    figures.fileWallMs = Date.now() - fileStarted;
    report('replica-processes', figures);
    await set.stop();
  });

  const serviceId = (): string => {
    const id = agent?.serviceId;
    if (!id) throw new Error('the agent has no service id');
    return id;
  };

  /** The agent's long-poll on replica 1 is open (the request is pending and has had time to park). */
  async function heldLongPoll(): Promise<void> {
    await waitFor(
      () => requests.find((r) => isPoll(r) && r.query.includes(`waitSeconds=${LONG_POLL_SECONDS}`) && !r.endedAt),
      5_000,
      'a pending long-poll on replica 1',
    );
    await sleep(200);
  }

  async function execute(operator: Operator, action: string, payload: Record<string, unknown>): Promise<string> {
    const data = await operator.ok<{ id: string; status: string }>(
      'POST',
      `/api/admin/capsule-services/${serviceId()}/actions/${action}`,
      { payload },
    );
    expect(data.status).toBe('PENDING');
    return data.id;
  }

  function commandStatus(operator: Operator, id: string): Promise<string> {
    return operator.ok<{ status: string }>('GET', `/api/admin/commands/${id}`).then((c) => c.status);
  }

  it('an execute on replica 2 reaches the agent long-polling replica 1 in under a second', async () => {
    await heldLongPoll();
    const sentAt = Date.now();
    const id = await execute(operators[1]!, 'echo', { message: 'across processes' });
    const ranAt = await waitFor(() => echoes.get(id), 5_000, 'echo handler started');
    figures.executeOnR2ToHandlerOnR1Ms = ranAt - sentAt;
    expect(ranAt - sentAt).toBeLessThan(1_000);
    await waitFor(async () => (await commandStatus(operators[2]!, id)) === 'SUCCEEDED', 5_000, 'SUCCEEDED on r3');
  });

  it("a cancel made on replica 3 fires the AbortSignal of the agent's running handler", async () => {
    const id = await execute(operators[0]!, 'slow-task', {});
    await waitFor(() => slow.startedAt, 5_000, 'slow handler started');
    expect(slow.commandId).toBe(id);
    await waitFor(async () => (await commandStatus(operators[2]!, id)) === 'RUNNING', 5_000, 'RUNNING on r3');
    // The agent is back on a long-poll of replica 1 while its handler runs.
    await heldLongPoll();
    const cancelledAt = Date.now();
    const cancel = await operators[2]!.call('POST', `/api/admin/commands/${id}/cancel`);
    expect(cancel.status).toBe(200);
    const abortedAt = await waitFor(() => slow.abortedAt, 5_000, 'handler aborted');
    figures.cancelOnR3ToAbortMs = abortedAt - cancelledAt;
    expect(abortedAt - cancelledAt).toBeLessThan(2_000);
    expect(await commandStatus(operators[0]!, id)).toBe('CANCELLED');
    expect(await commandStatus(operators[1]!, id)).toBe('CANCELLED');
  });

  it('the login throttle is one budget: five wrong passwords over three replicas, then 429 from each', async () => {
    const user = { username: 'procs-throttle', password: 'procs-throttle-password-123' };
    await operators[0]!.ok('POST', '/api/admin/users', { ...user, role: 'operator' });
    const attempt = (index: number, password: string): Promise<number> =>
      new Operator(set.server(index).baseUrl)
        .call('POST', '/api/admin/auth/login', { username: user.username, password })
        .then((res) => res.status);
    const wrong: number[] = [];
    for (const index of [0, 1, 2, 0, 1]) wrong.push(await attempt(index, 'not-the-password-123'));
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    // The sixth and later attempts from this address are refused, the right password too, on every replica.
    const after = [await attempt(2, user.password), await attempt(0, user.password), await attempt(1, user.password)];
    expect(after).toEqual([429, 429, 429]);
    // The owner (another username) still logs in: the per-user budget is what ran out.
    await new Operator(set.server(2).baseUrl).login(OWNER.username, OWNER.password);
  });

  it('a settings change on one replica is in force on the other two at once', async () => {
    const read = (operator: Operator): Promise<number> =>
      operator
        .ok<{ agentOfflineThresholdSeconds: number }>('GET', '/api/admin/settings/maintenance')
        .then((s) => s.agentOfflineThresholdSeconds);
    const before = await read(operators[0]!);
    await operators[0]!.ok('PATCH', '/api/admin/settings/maintenance', { agentOfflineThresholdSeconds: 321 });
    expect([await read(operators[1]!), await read(operators[2]!)]).toEqual([321, 321]);
    await operators[2]!.ok('DELETE', '/api/admin/settings/maintenance');
    expect([await read(operators[0]!), await read(operators[1]!)]).toEqual([before, before]);
  });

  it('the sweep runs exactly once per interval across the three: one slot row each, the other two stand down', async () => {
    const intervalMs = SWEEP_SECONDS * 1_000;
    // Counted: every slot boundary from the first whole one after all three were up to one that has surely been
    // claimed (a boundary plus a second). At least three of them.
    const first = (Math.floor(allUpAt / intervalMs) + 1) * intervalMs;
    await waitFor(() => Date.now() >= first + 3 * intervalMs + 1_000, 20_000, 'three sweep intervals', 100);
    const last = Math.floor((Date.now() - 1_000) / intervalMs) * intervalMs;
    const expected: string[] = [];
    for (let at = first; at <= last; at += intervalMs) expected.push(new Date(at).toISOString());

    const rows = await set.query<SlotRow>(
      `SELECT "slotStart", "replicaId" FROM "scheduled_slots" WHERE "job" = 'maintenance.sweep' AND "slotStart" >= $1 AND "slotStart" <= $2 ORDER BY "slotStart"`,
      [expected[0], expected[expected.length - 1]],
    );
    // One row per interval: no slot missed, none claimed twice (the primary key would refuse it anyway).
    expect(rows.map((r) => r.slotStart)).toEqual(expected);

    // Every slot was contested: each of the other two replicas ticked, lost the claim and named the winner.
    const skips = set.servers.map((server) =>
      server
        .logs()
        .split('\n')
        .filter((line) => line.includes('scheduled job skipped: another replica runs this interval'))
        .map((line) => JSON.parse(line) as SkipLine),
    );
    const standDowns = rows.map((row) =>
      skips
        .flat()
        .filter((s) => s.job === 'maintenance.sweep' && s.slotStart === row.slotStart)
        .map((s) => `${s.replicaId} -> ${s.ranBy}`)
        .sort(),
    );
    expect(standDowns).toEqual(
      rows.map((row) =>
        [0, 1, 2]
          .map(replicaId)
          .filter((id) => id !== row.replicaId)
          .map((id) => `${id} -> ${row.replicaId}`),
      ),
    );
    figures.sweepSlotsCounted = rows.length;
    figures.sweepSlotsWonByDistinctReplicas = new Set(rows.map((r) => r.replicaId)).size;
  });
});
