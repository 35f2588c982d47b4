import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Fleet, WORK_ACTION, workPayload } from './support/fleet';
import { LONG, pause, report, scale } from './support/mode';
import { Operator, readDb, ServerProcess, tempDir } from './support/server-process';
import { TcpProxy } from './support/tcp-proxy';

/**
 * Item 2 of the reliability campaign (docs/operations.md, Reliability): the network between
 * real SDK agents and the server fails through a TCP proxy the test controls: responses held
 * past the long-poll, connections reset in the middle of requests and of result answers, and
 * the server unreachable for a while (2 minutes in the long form).
 */

const AGENTS = scale(4, 20);
const OUTAGE_MS = scale(10_000, 120_000);
const TTL_SECONDS = scale(30, 220);
const LONG_POLL_SECONDS = 3;
const REQUEST_TIMEOUT_MS = 3_000;
const MAX_BACKOFF_MS = 4_000;
const COMMANDS_PER_AGENT = scale(3, 5);

jest.setTimeout(scale(150_000, 900_000));

describe(`agent-side faults through a TCP proxy (${LONG ? 'long' : 'short'} form)`, () => {
  const dir = tempDir('faults');
  const server = new ServerProcess({
    dataDir: join(dir, 'data'),
    // Agents unreachable for 2 minutes must stay eligible for commands queued meanwhile.
    env: {
      OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '600',
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '5',
      OPSTAGE_LOG_LEVEL: 'warn',
    },
  });
  let proxy: TcpProxy | undefined;
  let fleet: Fleet | undefined;

  afterAll(async () => {
    await fleet?.stop();
    await proxy?.close();
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects with back-off, delivers every result exactly once, and piles nothing up', async () => {
    await server.start();
    proxy = new TcpProxy(server.port);
    await proxy.start();
    const operator = new Operator(server.baseUrl);
    await operator.login();
    fleet = await Fleet.start({
      backendUrl: proxy.url,
      operator,
      count: AGENTS,
      dir,
      prefix: 'nf',
      ttlSeconds: TTL_SECONDS,
      record: true,
      options: {
        longPollSeconds: LONG_POLL_SECONDS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        intervals: { heartbeatMs: 2_000, commandPollMs: 10_000, serviceReportMs: 120_000 },
        retry: { initialDelayMs: 200, maxDelayMs: MAX_BACKOFF_MS, disabledDelayMs: 2_000, startupAttempts: 10 },
      },
    });
    const f = fleet;
    const p = proxy;
    const all: string[] = [];
    let n = 0;
    const execute = async (serviceId: string, ms: number, sealed = false): Promise<string> => {
      n += 1;
      const data = await operator.ok<{ id: string }>(
        'POST',
        `/api/admin/capsule-services/${serviceId}/actions/${WORK_ACTION}`,
        { payload: workPayload(n, ms, sealed) },
      );
      all.push(data.id);
      return data.id;
    };
    const executeRound = async (): Promise<string[]> => {
      const ids: string[] = [];
      for (const a of f.agents)
        for (let i = 0; i < COMMANDS_PER_AGENT; i += 1)
          ids.push(await execute(a.serviceId, 100 + Math.floor(Math.random() * 400), i % 2 === 0));
      return ids;
    };
    const resultPosts = (id: string): number =>
      f.agents.reduce(
        (k, a) => k + a.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/commands/${id}/result`)).length,
        0,
      );

    // 1. Responses held back past the long-poll and the request timeout: every agent request times out.
    const delayMs = LONG_POLL_SECONDS * 1_000 + REQUEST_TIMEOUT_MS + 1_000;
    p.setMode({ kind: 'delay', ms: delayMs });
    const delayedRound = await executeRound();
    await pause(delayMs + 1_000);
    p.setMode({ kind: 'pass' });
    const afterDelay = await executeRound();
    await waitStatuses(server.databasePath, afterDelay, ['SUCCEEDED'], 30_000);

    // 2. Connections reset in the middle of 30 % of all requests.
    p.setMode({ kind: 'reset-request', match: /./, probability: 0.3 });
    const resetRound = await executeRound();
    await pause(4_000);
    p.setMode({ kind: 'pass' });
    await waitStatuses(server.databasePath, resetRound, ['SUCCEEDED'], 30_000);

    // 3. Result answers lost: the server stores the result, the agent sees a reset and reports it again.
    p.setMode({ kind: 'reset-response', match: /^POST \S+\/result /, probability: 0.5 });
    const lostAnswerRound = await executeRound();
    await waitStatuses(server.databasePath, lostAnswerRound, ['SUCCEEDED'], 30_000);
    p.setMode({ kind: 'pass' });
    // Answers the agents have not seen yet are still being repeated: let them land first.
    await waitUntil(() => f.pendingResults() === 0, MAX_BACKOFF_MS + 10_000, 'every result acknowledged');
    const repeatedResults = lostAnswerRound.filter((id) => resultPosts(id) > 1).length;

    // 4. The server unreachable: handlers finishing during the outage must get their results in.
    const runningAtOutage: string[] = [];
    // Long enough to be still running when the network goes, short enough to end during the outage.
    for (const a of f.agents) runningAtOutage.push(await execute(a.serviceId, OUTAGE_MS / 2));
    // Every handler has started (its poll answer arrived) before the network goes.
    await waitUntil(() => runningAtOutage.every((id) => f.invocations.has(id)), 10_000, 'handlers running');
    const outageStart = Date.now();
    await p.down();
    const queuedDuringOutage: string[] = [];
    for (const a of f.agents) queuedDuringOutage.push(await execute(a.serviceId, 100, true));
    let maxPending = 0;
    let maxOpenFetches = 0;
    while (Date.now() - outageStart < OUTAGE_MS) {
      await pause(250);
      maxPending = Math.max(maxPending, ...f.agents.map((a) => a.agent.pendingResults));
      maxOpenFetches = Math.max(
        maxOpenFetches,
        ...f.agents.map((a) => a.requests.filter((r) => r.endedAt === undefined).length),
      );
    }
    const outageEnd = Date.now();
    expect(f.agents.map((a) => a.agent.pendingResults)).toEqual(f.agents.map(() => 1));
    await p.up();
    await waitStatuses(
      server.databasePath,
      [...runningAtOutage, ...queuedDuringOutage],
      ['SUCCEEDED'],
      MAX_BACKOFF_MS + 20_000,
    );
    const firstSuccessAfter = f.agents.map((a) => {
      const ok = a.requests.find((r) => r.startedAt >= outageEnd && r.status === 200);
      return ok ? ok.startedAt - outageEnd : Number.POSITIVE_INFINITY;
    });
    const attemptsDuringOutage = f.agents.map(
      (a) => a.requests.filter((r) => r.startedAt >= outageStart && r.startedAt < outageEnd).length,
    );

    // Everything ends: SUCCEEDED, or EXPIRED when a held-back poll answer carried it away (at most once).
    const rows = await waitStatuses(server.databasePath, all, ['SUCCEEDED', 'EXPIRED'], (TTL_SECONDS + 20) * 1_000);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const resultRows = readDb(
      server.databasePath,
      (db) =>
        db.prepare('SELECT commandId, COUNT(*) AS n FROM command_results GROUP BY commandId').all() as {
          commandId: string;
          n: number;
        }[],
    );
    const completedAudits = readDb(server.databasePath, (db) =>
      db
        .prepare(
          `SELECT targetId, COUNT(*) AS n FROM audit_events WHERE action = 'command.completed' GROUP BY targetId HAVING n > 1`,
        )
        .all(),
    );
    const retryLogs = f.logs.filter((l) => l.event === 'result.retrying').length;
    await pause(1_000);
    const openConnections = p.open;

    report('agent-faults', {
      agents: AGENTS,
      outageSeconds: OUTAGE_MS / 1_000,
      commands: all.length,
      byStatus,
      heldBackRound: {
        commands: delayedRound.length,
        expired: rows.filter((r) => delayedRound.includes(r.id) && r.status === 'EXPIRED').length,
      },
      proxy: p.stats,
      resultsRepeatedAfterLostAnswer: repeatedResults,
      maxPendingResultsPerAgent: maxPending,
      maxOpenRequestsPerAgentDuringOutage: maxOpenFetches,
      attemptsPerAgentDuringOutage: { max: Math.max(...attemptsDuringOutage), min: Math.min(...attemptsDuringOutage) },
      reconnectMsAfterOutage: { max: Math.max(...firstSuccessAfter), min: Math.min(...firstSuccessAfter) },
      openConnectionsAfter: openConnections,
      duplicateRuns: f.duplicates().length,
      secretMismatches: f.secretMismatches.length,
      reRegistrations: f.registrations() - AGENTS,
    });

    expect(f.duplicates()).toEqual([]);
    expect(f.secretMismatches).toEqual([]);
    expect(resultRows.filter((r) => r.n > 1)).toEqual([]);
    expect(completedAudits).toEqual([]);
    // Each SUCCEEDED command ran once; only held-back poll answers may have expired.
    for (const r of rows) {
      if (r.status === 'SUCCEEDED') expect(f.invocations.get(r.id)).toBe(1);
      else expect(delayedRound).toContain(r.id);
    }
    expect(p.stats.requestResets).toBeGreaterThan(0);
    expect(p.stats.responseResets).toBeGreaterThan(0);
    expect(repeatedResults).toBeGreaterThan(0);
    // The outage: one result waiting per agent, a handful of requests open, back-off instead of a hot loop.
    expect(maxPending).toBe(1);
    expect(maxOpenFetches).toBeLessThanOrEqual(3);
    const backoffBound = 3 * (Math.ceil(OUTAGE_MS / (MAX_BACKOFF_MS / 2)) + 8);
    expect(Math.max(...attemptsDuringOutage)).toBeLessThanOrEqual(backoffBound);
    expect(Math.max(...firstSuccessAfter)).toBeLessThanOrEqual(MAX_BACKOFF_MS + 3_000);
    expect(retryLogs).toBeGreaterThanOrEqual(AGENTS);
    expect(f.pendingResults()).toBe(0);
    expect(openConnections).toBeLessThanOrEqual(AGENTS * 4);
    expect(f.registrations()).toBe(AGENTS);
  });
});

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

interface Row {
  id: string;
  status: string;
}

/** Waits until every command has one of `statuses`; throws with the stragglers otherwise. */
async function waitStatuses(path: string, ids: string[], statuses: string[], timeoutMs: number): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = readDb(path, (db) => {
      const stmt = db.prepare('SELECT id, status FROM commands WHERE id = ?');
      return ids.map((id) => stmt.get(id) as Row);
    });
    const waiting = rows.filter((r) => !statuses.includes(r.status));
    if (waiting.length === 0) return rows;
    if (Date.now() > deadline)
      throw new Error(
        `commands not ${statuses.join('/')} after ${timeoutMs} ms: ${JSON.stringify(waiting.slice(0, 10))}`,
      );
    await pause(200);
  }
}
