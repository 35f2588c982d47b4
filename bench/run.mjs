#!/usr/bin/env node
// Opstage CE benchmark harness: `npm run bench [-- --quick] [-- --only=baseline,heartbeat,...] [-- --build]
//   [-- --fleet=N (fleet size, capped by the fd limit)] [-- --out=name (results/<name>.json|md instead of latest)]
//   [-- --trace-gc (fleet server GC pause statistics)] [-- --loop-lag (fleet server event-loop lag,
//   scraped from /metrics every 5 s; turns metrics on, which costs a little per request)]
//   [-- --cpu-prof=dir (fleet server CPU profile; long event-loop tasks: node bench/long-tasks.mjs <file>)]
//   [-- --server-node-arg=<node option> (repeatable: extra Node options for the fleet server)]
//   [-- --client-node-arg=<node option> (repeatable: extra Node options for the fleet's client processes)]
//   [-- --separate-sender (fleet: heartbeats sent and timed by a client process of their own that holds no polls)]
//   [-- --client-nice=N (fleet client processes at this nice level, 1-19: the server gets the cores first)]
//   [-- --client-workers=N (fleet client processes, default 2: more of them shorten each one's GC pauses)]
//   [-- --db postgres (instead of the scenarios below: heartbeat throughput on PostgreSQL against SQLite in one
//   run, dispatch latency with the poll and the execute on different replicas, and the fleet split over two
//   replicas (--fleet=N there sets the agents per replica); writes results/postgres.json|md unless --out= is
//   given)]`.
// Starts the BUILT server (dist/src/main.js) on 127.0.0.1 with a temp data dir, drives it with
// undici clients, and writes bench/results/latest.json + latest.md. Every loop is bounded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { OpstageClient } from './lib/api.mjs';
import { REPO_ROOT, SERVER_ENTRY, killAllChildren, openFds, startOpstage } from './lib/server.mjs';
import { round } from './lib/stats.mjs';
import { baseline, heartbeat } from './scenarios/throughput.mjs';
import { dispatch } from './scenarios/dispatch.mjs';
import { coldStart } from './scenarios/coldstart.mjs';
import { lists } from './scenarios/lists.mjs';
import { fleet } from './scenarios/fleet.mjs';
import { sweep } from './scenarios/sweep.mjs';
import { renderMarkdown, tableRows } from './lib/report.mjs';
import { dispatchAcrossReplicas, heartbeatPostgresVsSqlite, startPostgres } from './scenarios/postgres.mjs';
import { fleetSplit } from './scenarios/fleet-split.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (name) => !only || only.includes(name);
const fleetArg = args.find((a) => a.startsWith('--fleet='));
const dbArg = args.includes('--db')
  ? args[args.indexOf('--db') + 1]
  : args.find((a) => a.startsWith('--db='))?.slice(5);
if (dbArg !== undefined && dbArg !== 'postgres' && dbArg !== 'sqlite') throw new Error('--db takes postgres or sqlite');
const onPostgres = dbArg === 'postgres';
const outName =
  args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? (onPostgres ? 'postgres' : 'latest');
if (!/^[a-z0-9-]+$/.test(outName)) throw new Error('--out= takes [a-z0-9-]+');
const HARD_LIMIT_MS = 9.5 * 60 * 1000;

const CFG = quick
  ? {
      load: { concurrency: 16, durationMs: 4000, warmupMs: 1000, maxRequests: 500_000 },
      heartbeat: { agents: 20, breakdownMs: 2000, rounds: 3, roundMs: 2000, roundWarmupMs: 500 },
      dispatch: { agents: 200, executes: 100, gapMs: 20, waitSeconds: 30, maxSeconds: 30, rampSeconds: 5 },
      cold: { runs: 3 },
      lists: { auditRows: 100_000, commandRows: 10_000, samples: 20 },
      fleet: {
        agents: 2000,
        clientWorkers: 2,
        heartbeatConnections: 32,
        rampSeconds: 30,
        rampMaxSeconds: 35,
        holdSeconds: 30,
        heartbeatIntervalSeconds: 30,
        estimateSeconds: 100,
      },
      sweep: { rows: 50_000, concurrency: 2, quietSeconds: 3, maxSeconds: 60, estimateSeconds: 40 },
      fleetSplit: {
        agentsPerReplica: 500,
        idleSeconds: 5,
        heartbeatConnections: 16,
        rampSeconds: 10,
        rampMaxSeconds: 20,
        holdSeconds: 30,
        heartbeatIntervalSeconds: 30,
      },
    }
  : {
      load: { concurrency: 32, durationMs: 7000, warmupMs: 1500, maxRequests: 2_000_000 },
      heartbeat: { agents: 100, breakdownMs: 3000, rounds: 5, roundMs: 3000, roundWarmupMs: 500 },
      dispatch: { agents: 1000, executes: 300, gapMs: 20, waitSeconds: 30, maxSeconds: 60, rampSeconds: 20 },
      cold: { runs: 5 },
      lists: { auditRows: 1_000_000, commandRows: 100_000, samples: 30 },
      fleet: {
        agents: 20_000,
        clientWorkers: 2,
        heartbeatConnections: 64,
        rampSeconds: 30,
        rampMaxSeconds: 45,
        holdSeconds: 120,
        heartbeatIntervalSeconds: 30,
        estimateSeconds: 230,
      },
      sweep: { rows: 500_000, concurrency: 2, quietSeconds: 4, maxSeconds: 120, estimateSeconds: 90 },
      // 2,500 agents per replica: PostgreSQL, two replicas and two client workers share this machine's two
      // cores, and a bigger fleet would measure their contention rather than a replica's cost per agent.
      fleetSplit: {
        agentsPerReplica: 2500,
        idleSeconds: 10,
        heartbeatConnections: 32,
        rampSeconds: 30,
        rampMaxSeconds: 45,
        holdSeconds: 90,
        heartbeatIntervalSeconds: 30,
      },
    };

if (fleetArg && onPostgres) CFG.fleetSplit.agentsPerReplica = Number(fleetArg.slice('--fleet='.length));
else if (fleetArg) CFG.fleet.agents = Number(fleetArg.slice('--fleet='.length));
// Diagnostics only: --trace-gc makes the fleet server report its GC pauses.
if (args.includes('--trace-gc')) CFG.fleet.serverNodeArgs = ['--trace-gc'];
// Diagnostics only: --server-node-arg=X (repeatable) adds a Node option to the fleet server (GC tuning trials).
const extraNodeArgs = args
  .filter((a) => a.startsWith('--server-node-arg='))
  .map((a) => a.slice('--server-node-arg='.length));
if (extraNodeArgs.length > 0) CFG.fleet.serverNodeArgs = [...(CFG.fleet.serverNodeArgs ?? []), ...extraNodeArgs];
// Diagnostics only: --cpu-prof=dir writes the fleet server's V8 CPU profile there (bench/long-tasks.mjs reads it).
const cpuProfArg = args.find((a) => a.startsWith('--cpu-prof='));
if (cpuProfArg)
  CFG.fleet.serverNodeArgs = [
    ...(CFG.fleet.serverNodeArgs ?? []),
    '--cpu-prof',
    `--cpu-prof-dir=${cpuProfArg.slice('--cpu-prof='.length)}`,
  ];
// Diagnostics: the share of the tail that is the poll-holding clients' own pauses (docs/performance.md).
if (args.includes('--separate-sender')) CFG.fleet.heartbeatSender = 'separate';
const clientNodeArgs = args
  .filter((a) => a.startsWith('--client-node-arg='))
  .map((a) => a.slice('--client-node-arg='.length));
if (clientNodeArgs.length > 0) CFG.fleet.clientNodeArgs = clientNodeArgs;
const clientNiceArg = args.find((a) => a.startsWith('--client-nice='));
if (clientNiceArg) {
  const n = Number(clientNiceArg.slice('--client-nice='.length));
  if (!Number.isInteger(n) || n < 1 || n > 19) throw new Error('--client-nice= takes a whole number from 1 to 19');
  CFG.fleet.clientNice = n;
}
const clientWorkersArg = args.find((a) => a.startsWith('--client-workers='));
if (clientWorkersArg) {
  const n = Number(clientWorkersArg.slice('--client-workers='.length));
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error('--client-workers= takes a whole number from 1 to 16');
  CFG.fleet.clientWorkers = n;
}
if (args.includes('--loop-lag')) CFG.fleet.serverEnv = { OPSTAGE_METRICS_ENABLED: 'true' };

const log = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const elapsed = () => Date.now() - started;

function distIsStale() {
  if (!existsSync(SERVER_ENTRY)) return true;
  const built = statSync(SERVER_ENTRY).mtimeMs;
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && statSync(p).mtimeMs > built;
    });
  return walk(join(REPO_ROOT, 'src')) || walk(join(REPO_ROOT, 'migrations'));
}

let results = null;

/** `--db postgres`: its own small report (the scenario table of the full run does not apply). */
function writePostgresResults() {
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = round(elapsed() / 1000, 1);
  results.loadAverageAtEnd = loadavg().map((v) => round(v, 2));
  for (const n of ['heartbeatPostgres', 'dispatchAcrossReplicas', 'fleetSplit'])
    results.scenarios[n] ??= { status: 'not run', reason: 'run aborted at the 10-minute limit' };
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${outName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const hb = results.scenarios.heartbeatPostgres ?? {};
  const dx = results.scenarios.dispatchAcrossReplicas ?? {};
  const fs = results.scenarios.fleetSplit ?? {};
  const md = [
    `# Benchmark on PostgreSQL (${results.mode}), ${results.startedAt}`,
    '',
    `Machine: ${results.machine.cpus} CPUs (${results.machine.cpuModel}), ${results.machine.memoryGb} GB, Node ${results.machine.node}; load ${results.loadAverageAtStart.join(' / ')} at start, ${results.loadAverageAtEnd.join(' / ')} at end.`,
    '',
    '| Figure | Value |',
    '|---|---|',
    `| Status | ${hb.status}${hb.error ? `: ${hb.error}` : ''} |`,
    `| Heartbeat req/s on PostgreSQL (median of ${hb.rounds?.length ?? 0} rounds) | ${hb.postgresRps ?? '-'} |`,
    `| Heartbeat req/s on SQLite (rounds either side) | ${hb.sqliteRps ?? '-'} |`,
    `| PostgreSQL / SQLite (target ≥ ${hb.targetPercent ?? 70} %) | ${hb.ratioPercent ?? '-'} % |`,
    `| PostgreSQL heartbeat p50 / p99 | ${hb.postgresP50 ?? '-'} / ${hb.postgresP99 ?? '-'} ms |`,
    `| Server CPU per heartbeat on PostgreSQL | ${hb.postgresCpuUsPerRequest ?? '-'} µs |`,
    `| Errors | ${hb.errors ?? '-'}${hb.firstError ? ` (first: ${hb.firstError})` : ''} |`,
    '',
    '| Dispatch across replicas (poll on 1, execute on 2) | Value |',
    '|---|---|',
    `| Status | ${dx.status}${dx.error ? `: ${dx.error}` : ''} |`,
    `| Parked polls | ${dx.agents ?? '-'} |`,
    `| Delivered / executes (missing) | ${dx.delivered ?? '-'} / ${dx.executes ?? '-'} (${dx.missing ?? '-'}) |`,
    `| Execute response → poll response p50 / p99 (targets 10 / 50 ms) | ${dx.ackToPoll?.p50 ?? '-'} / ${dx.ackToPoll?.p99 ?? '-'} ms |`,
    `| Cross-replica bus in the build | ${dx.clusterBus ? `${dx.clusterBus.kind}, ${dx.clusterBus.status}` : 'no (figures are re-check bound, not meaningful)'} |`,
    '',
    ...fleetSplitRows(fs),
  ].join('\n');
  writeFileSync(join(dir, `${outName}.md`), md);
  log(`\n${md}`);
  log(`wrote bench/results/${outName}.json and ${outName}.md in ${results.totalSeconds} s`);
}

function fleetSplitRows(fs) {
  const rows = [
    `| Fleet split over two replicas (${fs.holdSeconds ?? '-'} s hold, heartbeat every ${fs.heartbeatIntervalSeconds ?? '-'} s) | Value |`,
    '|---|---|',
    `| Status | ${fs.status}${fs.error ? `: ${fs.error}` : ''} |`,
    `| Agents (per replica) | ${fs.agents ?? '-'} (${fs.agentsPerReplica ?? '-'}) |`,
    `| Heartbeats ok / sent (errors, unanswered) | ${fs.heartbeatsOk ?? '-'} / ${fs.heartbeatsSent ?? '-'} (${fs.heartbeatErrors ?? '-'}, ${fs.heartbeatsUnanswered ?? '-'}) |`,
    `| Heartbeat p50 / p99 / max, both replicas | ${fs.heartbeat?.p50 ?? '-'} / ${fs.heartbeat?.p99 ?? '-'} / ${fs.heartbeat?.max ?? '-'} ms |`,
  ];
  for (const r of fs.replicas ?? [])
    rows.push(
      `| ${r.replicaId}: heartbeat p50 / p99; CPU (per 1,000 agents); idle CPU | ${r.heartbeat.p50} / ${r.heartbeat.p99} ms; ${r.cpuPercent} % of a core (${r.cpuPercentPerThousandAgents} %); ${r.idleCpuPercent} % |`,
    );
  rows.push(
    `| Replica CPU per 1,000 agents (the busier replica; over the last ${fs.cpuWindowSeconds ?? '-'} s) | ${fs.cpuPercentPerThousandAgentsPerReplica ?? '-'} % of a core |`,
    `| Replica CPU per 1,000 agents above the replica's idle CPU (the busier replica) | ${fs.cpuPercentPerThousandAgentsPerReplicaAboveIdle ?? '-'} % of a core |`,
    `| PostgreSQL CPU (per 1,000 agents); idle | ${fs.postgresCpuPercent ?? '-'} % of a core (${fs.postgresCpuPercentPerThousandAgents ?? '-'} %); ${fs.postgresIdleCpuPercent ?? '-'} % |`,
    `| Client workers CPU; their event-loop delay max | ${fs.clientsCpuPercent ?? '-'} %; ${fs.clientLoopDelayMaxMs ?? '-'} ms |`,
    `| Poll errors; polls parked at the end | ${fs.pollErrors ?? '-'}${fs.firstPollError ? ` (first: ${fs.firstPollError})` : ''}; ${fs.pollsParkedAtEnd ?? '-'} |`,
    '',
  );
  return rows;
}

function writeResults() {
  if (!results) return;
  if (onPostgres) return writePostgresResults();
  results.loadAverageAtEnd = loadavg().map((v) => round(v, 2));
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = round(elapsed() / 1000, 1);
  for (const n of ['baseline', 'heartbeat', 'dispatch', 'lists', 'coldStart', 'sweep', 'fleet'])
    results.scenarios[n] ??= { status: 'not run', reason: 'run aborted at the 10-minute limit' };
  results.table = tableRows(results);
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${outName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const md = renderMarkdown(results);
  writeFileSync(join(dir, `${outName}.md`), md);
  log(`\n${md}`);
  log(`wrote bench/results/${outName}.json and ${outName}.md in ${results.totalSeconds} s`);
}

async function main() {
  if (args.includes('--build') || !existsSync(SERVER_ENTRY)) {
    log('building the server (npx nest build) ...');
    execFileSync('npx', ['nest', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  } else if (distIsStale()) {
    log('WARNING: src/ has files newer than dist/src/main.js; figures are for the stale build (use --build).');
  }

  results = {
    startedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    loadAverageAtStart: loadavg().map((v) => round(v, 2)),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      fdLimit: openFds(process.pid),
    },
    config: CFG,
    scenarios: {},
  };
  if (onPostgres) {
    results.database = 'postgres';
    const database = await startPostgres(log);
    const pgRun = async (name, title, fn) => {
      if (!wants(name)) {
        results.scenarios[name] = { status: 'skipped', reason: 'not selected (--only)' };
        return;
      }
      log(`\n== ${title} ==`);
      const t0 = Date.now();
      try {
        results.scenarios[name] = { status: 'ok', ...(await fn()), durationMs: Date.now() - t0 };
      } catch (error) {
        log(`  FAILED: ${error?.stack ?? error}`);
        results.scenarios[name] = { status: 'error', error: String(error?.message ?? error).slice(0, 500) };
      }
    };
    try {
      await pgRun('heartbeatPostgres', 'heartbeat: PostgreSQL against SQLite', () =>
        heartbeatPostgresVsSqlite({ ...CFG.load, ...CFG.heartbeat }, database, log),
      );
      await pgRun('dispatchAcrossReplicas', 'dispatch: poll on replica 1, execute on replica 2', () =>
        dispatchAcrossReplicas(CFG.dispatch, database, log),
      );
      await pgRun('fleetSplit', 'fleet split over two replicas', () => fleetSplit(CFG.fleetSplit, database, log));
    } finally {
      await database.stop().catch(() => {});
    }
    writeResults();
    return;
  }
  const run = async (name, fn, estimateSeconds = 0) => {
    if (!wants(name)) {
      results.scenarios[name] = { status: 'skipped', reason: 'not selected (--only)' };
      return;
    }
    if (elapsed() + estimateSeconds * 1000 > HARD_LIMIT_MS) {
      results.scenarios[name] = {
        status: 'skipped',
        reason: `10-minute budget: ${round(elapsed() / 1000, 0)} s used, needs ~${estimateSeconds} s`,
      };
      log(`\n== ${name} == skipped (time budget)`);
      return;
    }
    log(`\n== ${name} ==`);
    const t0 = Date.now();
    try {
      results.scenarios[name] = { status: 'ok', ...(await fn()), durationMs: Date.now() - t0 };
    } catch (error) {
      log(`  FAILED: ${error?.stack ?? error}`);
      results.scenarios[name] = {
        status: 'error',
        error: String(error?.message ?? error).slice(0, 500),
        durationMs: Date.now() - t0,
      };
    }
  };

  await run('baseline', async () => ({ servers: await baseline(CFG.load, log) }));

  // Scenarios 2, 3 and 5 share one server and database (5 reuses the agents/services of 3).
  let server = null;
  let client = null;
  const needServer = ['heartbeat', 'dispatch', 'lists'].some(wants);
  if (!needServer)
    for (const n of ['heartbeat', 'dispatch', 'lists'])
      results.scenarios[n] = { status: 'skipped', reason: 'not selected (--only)' };
  if (needServer) {
    try {
      server = await startOpstage();
      log(
        `\nserver ${server.origin} pid ${server.pid} data ${server.dataDir} (cold start ${round(server.coldStartMs, 0)} ms, RSS ${round(server.rssMb(), 1)} MB)`,
      );
      client = new OpstageClient(server.origin, { connections: 16 });
      await client.login();
    } catch (error) {
      log(`server start/login FAILED: ${error?.message ?? error}`);
      for (const n of ['heartbeat', 'dispatch', 'lists'])
        results.scenarios[n] = {
          status: 'error',
          error: `server start/login failed: ${String(error?.message ?? error).slice(0, 300)}`,
        };
    }
  }
  const ctx = { server, client, agents: [] };
  if (server && client) {
    await run('heartbeat', async () => {
      const { result, agents } = await heartbeat({ ...CFG.load, ...CFG.heartbeat }, ctx, log);
      ctx.agents.push(...agents);
      return result;
    });
    await run('dispatch', async () => {
      const { result, agents } = await dispatch(CFG.dispatch, ctx, log);
      ctx.dispatchAgents = agents;
      return result;
    });
    await run('lists', async () => lists(CFG.lists, ctx, log));
  }
  if (client) await client.close().catch(() => {});
  if (server) {
    const out = server.output();
    await server.stop();
    if (/error/i.test(out)) results.serverLogTail = out.slice(-3000);
  }

  await run('coldStart', async () => coldStart(CFG.cold, log));
  await run('sweep', async () => sweep(CFG.sweep, log), CFG.sweep.estimateSeconds);
  await run('fleet', async () => fleet(CFG.fleet, log), CFG.fleet.estimateSeconds);

  writeResults();
}

// Safety net: the whole run is bounded even if a scenario hangs.
const watchdog = setTimeout(
  () => {
    // Fires only if a scenario overruns its estimate; partial figures are still written.
    process.stderr.write('bench: hard time limit (10 min) reached, writing partial results and aborting\n');
    killAllChildren();
    try {
      writeResults();
    } catch (error) {
      process.stderr.write(`could not write partial results: ${error}\n`);
    }
    process.exit(3);
  },
  9.8 * 60 * 1000,
);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
