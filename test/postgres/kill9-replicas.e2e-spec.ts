import { join } from 'node:path';
import { CommandStream } from '../reliability/support/command-stream';
import { Fleet } from '../reliability/support/fleet';
import { pause, report } from '../reliability/support/mode';
import { Operator } from '../reliability/support/server-process';
import { TcpProxy } from '../reliability/support/tcp-proxy';
import { ReplicaSet } from './support/replica-set';

/**
 * Issue 18, "losing any one replica loses nothing": three built server processes on one
 * PostgreSQL database, each fronted by a TCP proxy (its load-balancer address) with its own SDK
 * agents and its own operator. Commands stream in on all three; replica 1 is killed with SIGKILL
 * while its agents have commands in flight, and its address is pointed at replica 2. No
 * acknowledged command may be lost, none may run twice, every one must end in a terminal state.
 */

const REPLICAS = 3;
const AGENTS_PER_REPLICA = 6;
const TTL_SECONDS = 12;
const SWEEP_SECONDS = 5;
const EXECUTE_EVERY_MS = 150;

jest.setTimeout(240_000);

interface Row {
  id: string;
  status: string;
}

describe('kill -9 one of three replicas on PostgreSQL', () => {
  const set = ReplicaSet.create({
    name: 'kill9-pg',
    count: REPLICAS,
    env: { OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: String(SWEEP_SECONDS), OPSTAGE_LOG_LEVEL: 'warn' },
  });
  const { dir, servers } = set;
  const query = set.query.bind(set);
  const proxies: TcpProxy[] = [];
  const fleets: Fleet[] = [];

  afterAll(async () => {
    for (const fleet of fleets) await fleet.stop();
    for (const proxy of proxies) await proxy.close();
    await set.stop();
  });

  it('loses no command, runs none twice and ends every one, with replica 1 killed mid-stream', async () => {
    await set.start();
    const spawnMs = set.spawnMs;

    const streams: CommandStream[] = [];
    for (let i = 0; i < REPLICAS; i += 1) {
      const proxy = new TcpProxy(servers[i]!.port);
      await proxy.start();
      proxies.push(proxy);
      const operator = new Operator(proxy.url);
      await operator.login();
      const fleet = await Fleet.start({
        backendUrl: proxy.url,
        operator,
        count: AGENTS_PER_REPLICA,
        dir: join(dir, `agents-${i + 1}`),
        prefix: `r${i + 1}`,
        ttlSeconds: TTL_SECONDS,
      });
      fleets.push(fleet);
      streams.push(
        new CommandStream(
          operator,
          fleet.agents.map((a) => a.serviceId),
          EXECUTE_EVERY_MS,
        ),
      );
    }
    for (const stream of streams) stream.start();
    await pause(4_000);

    // Commands of replica 1's agents are running right now (every 10th runs 4 s).
    const inFlight = await query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "commands" c JOIN "agents" a ON a."id" = c."agentId" WHERE a."code" LIKE 'r1%' AND c."status" IN ('PENDING', 'RUNNING')`,
    );
    const killedAt = Date.now();
    await servers[0]!.kill();
    // Its address now leads to replica 2 (the load balancer dropped the dead one).
    const dead = proxies[0]!;
    await dead.down();
    const moved = new TcpProxy(servers[1]!.port);
    moved.port = dead.port;
    await moved.start();
    proxies.push(moved);
    await pause(6_000);
    for (const stream of streams) await stream.stop();

    const acked = new Map(streams.flatMap((s) => [...s.acked]));
    const ids = [...acked.keys()];
    const deadline = Date.now() + (TTL_SECONDS + 2 * SWEEP_SECONDS + 15) * 1_000;
    let rows: Row[] = [];
    for (;;) {
      rows = await query<Row>('SELECT "id", "status" FROM "commands" WHERE "id" = ANY($1)', [ids]);
      const open = rows.filter((r) => r.status === 'PENDING' || r.status === 'RUNNING');
      if ((open.length === 0 && rows.length === ids.length) || Date.now() > deadline) break;
      await pause(1_000);
    }
    const stored = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !stored.has(id));
    const open = rows.filter((r) => r.status === 'PENDING' || r.status === 'RUNNING').map((r) => r.id);
    const byStatus: Record<string, number> = {};
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    const duplicateResults = await query<{ commandId: string }>(
      'SELECT "commandId" FROM "command_results" GROUP BY "commandId" HAVING COUNT(*) > 1',
    );
    const invocations = new Map<string, number>();
    for (const fleet of fleets)
      for (const [id, n] of fleet.invocations) invocations.set(id, (invocations.get(id) ?? 0) + n);
    const ranTwice = [...invocations].filter(([, n]) => n > 1).map(([id]) => id);
    const completedWithoutOneRun = rows
      .filter((r) => (r.status === 'SUCCEEDED' || r.status === 'FAILED') && invocations.get(r.id) !== 1)
      .map((r) => r.id);
    const sweepRuns = await query<{ replicaId: string; n: string }>(
      `SELECT "replicaId", COUNT(*) AS n FROM "scheduled_slots" GROUP BY "replicaId"`,
    );
    const refused = streams.flatMap((s) => [...s.refused]);

    report('kill9-replicas', {
      replicas: REPLICAS,
      agents: REPLICAS * AGENTS_PER_REPLICA,
      spawnThreeReplicasMs: spawnMs,
      bootMs: servers.map((s) => s.boots),
      commandsOfKilledReplicaOpenAtKill: Number(inFlight[0]?.n ?? 0),
      commandsAcknowledged: acked.size,
      commandsNotAcknowledged: Object.fromEntries(refused),
      byStatus,
      terminalAfterMs: Date.now() - killedAt,
      missing: missing.length,
      open: open.length,
      ranTwice: ranTwice.length,
      duplicateResults: duplicateResults.length,
      sweepSlotsByReplica: Object.fromEntries(sweepRuns.map((r) => [r.replicaId, Number(r.n)])),
    });

    expect(acked.size).toBeGreaterThan(50);
    expect(Number(inFlight[0]?.n ?? 0)).toBeGreaterThan(0);
    expect(refused.filter(([k]) => k.startsWith('HTTP 5'))).toEqual([]);
    expect(missing).toEqual([]);
    expect(open).toEqual([]);
    expect(ranTwice).toEqual([]);
    expect(duplicateResults).toEqual([]);
    expect(completedWithoutOneRun).toEqual([]);
    expect(byStatus['SUCCEEDED'] ?? 0).toBeGreaterThan(acked.size / 2);
    // The survivors kept sweeping: slots after the kill went to replicas 2 and 3.
    expect(sweepRuns.some((r) => r.replicaId !== 'replica-1')).toBe(true);
  });
});
