// Scenario 6: fleet hold. N agents (seeded in SQL) each keep a long-poll open and heartbeat every
// 30 s (spread evenly) for the hold period. Heartbeat latency is measured from the SCHEDULED send
// time, so a server that falls behind shows it (no coordinated omission). The simulated agents run
// in `clientWorkers` forked processes (fleet-worker.mjs).
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cpuMs, openFds, startOpstage } from '../lib/server.mjs';
import { openDb, seedAgents } from '../lib/seed.mjs';
import { nowMs, round, sleep, summarize } from '../lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./fleet-worker.mjs', import.meta.url));

export async function fleet(cfg, log) {
  const limits = openFds(process.pid);
  // The server's descriptors = polls + heartbeat connections + ~50 for files and the listener
  // (the clients' sockets are spread over the workers); keep 500 spare, round down to 500.
  const allowed = limits ? Math.floor((limits.hard - 500 - cfg.heartbeatConnections) / 500) * 500 : cfg.agents;
  const count = Math.min(cfg.agents, allowed);
  const server = await startOpstage({ nodeArgs: cfg.serverNodeArgs ?? [], extraEnv: cfg.serverEnv ?? {} });
  let workers = null;
  try {
    const db = openDb(server.databasePath);
    let agents;
    const ts = nowMs();
    try {
      agents = seedAgents(db, count, 'fleet');
    } finally {
      db.close();
    }
    log(
      `  fd limit ${limits?.soft}/${limits?.hard} -> fleet of ${count} agents (requested ${cfg.agents}); seeded in ${round(nowMs() - ts, 0)} ms`,
    );
    const rssIdle = server.rssMb();

    // The client runs in worker processes (agents interleaved by index), each with its own
    // sockets and event loop; this process only coordinates and samples the server.
    workers = startWorkers(cfg.clientWorkers, agents, server.origin, cfg);
    const tr = nowMs();
    const pollStats = () => sumStatus(workers);
    const rampUntil = nowMs() + cfg.rampMaxSeconds * 1000;
    while (nowMs() < rampUntil && pollStats().parked < agents.length) await sleep(200);
    const rampSeconds = round((nowMs() - tr) / 1000, 1);
    const rssParked = server.rssMb();
    const atRamp = pollStats();
    log(
      `  ${atRamp.parked} polls in flight after ${rampSeconds} s ramp (${workers.length} client processes); RSS ${round(rssParked, 1)} MB (idle ${round(rssIdle, 1)} MB); poll errors so far ${atRamp.pollErrors} ${atRamp.firstPollError ?? ''}`,
    );

    let rssPeak = server.rssMb();
    const sampler = setInterval(() => {
      const r = server.rssMb();
      if (r !== null && r > rssPeak) rssPeak = r;
    }, 500);
    // Diagnostics (--loop-lag: metrics on in the fleet server): the server's own event-loop lag.
    const loopLag = [];
    const scraper =
      cfg.serverEnv?.OPSTAGE_METRICS_ENABLED === 'true'
        ? setInterval(() => {
            void fetch(`${server.origin}/metrics`)
              .then(async (res) => {
                const m = /^\w*nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m.exec(await res.text());
                if (m) loopLag.push(round(Number(m[1]) * 1000, 0));
              })
              .catch(() => {});
          }, 5000)
        : null;
    const holdStartEpoch = epochMs() + 500;
    // CPU over the hold's send window: the server's share of the machine against the clients'.
    const cpuAt = () => ({
      at: nowMs(),
      server: cpuMs(server.pid),
      clients: workers.reduce((n, w) => n + (cpuMs(w.child.pid) ?? 0), 0),
    });
    const cpuStart = cpuAt();
    let cpuEnd = null;
    const cpuTimer = setTimeout(() => (cpuEnd = cpuAt()), cfg.holdSeconds * 1000 + 500);
    const held = await Promise.all(
      workers.map((w) => {
        w.child.send({ type: 'hold', holdStartEpoch, holdSeconds: cfg.holdSeconds });
        return w.next('held', (cfg.holdSeconds + 90) * 1000);
      }),
    );
    clearInterval(sampler);
    if (scraper) clearInterval(scraper);
    if (scraper) log(`  server event-loop lag max per 5 s (ms): ${loopLag.join(' ')}`);
    clearTimeout(cpuTimer);
    cpuEnd ??= cpuAt();
    const pct = (key) => round((100 * (cpuEnd[key] - cpuStart[key])) / (cpuEnd.at - cpuStart.at), 0);
    const atEnd = pollStats();
    const rssEnd = server.rssMb();
    await Promise.all(workers.map((w) => w.stop()));

    const hbLatencies = held.flatMap((h) => h.latencies);
    const worstBySecond = new Map();
    for (const h of held)
      for (const [sec, ms] of Object.entries(h.worstBySecond))
        worstBySecond.set(Number(sec), Math.max(ms, worstBySecond.get(Number(sec)) ?? 0));
    // Heartbeats over 50 ms per second of the hold: a steady trickle is queueing, a few peaks are pauses.
    const slowBySecond = Array.from({ length: cfg.holdSeconds }, (_, sec) =>
      held.reduce((n, h) => n + (h.slowBySecond[sec] ?? 0), 0),
    );
    log(`  heartbeats over 50 ms per second of the hold: ${slowBySecond.join(' ')}`);
    const sent = held.reduce((n, h) => n + h.sent, 0);
    const hbErrors = held.reduce((n, h) => n + h.errors, 0);
    const firstHbError = held.find((h) => h.firstError)?.firstError ?? null;
    const unanswered = held.reduce((n, h) => n + h.unanswered, 0); // still waiting 15 s after the hold
    const parkedAtEnd = held.reduce((n, h) => n + h.parkedAtEnd, 0);
    const { pollErrors, firstPollError, pollsAnswered } = atEnd;
    const pollErrorsInRamp = atRamp.pollErrors;
    const hb = summarize(hbLatencies);
    // Conservative: the peak (parked sockets + request garbage at the fleet's request rate) scaled
    // linearly; the parked figure is the cost of the open long-polls alone.
    const perThousand = (Math.max(rssPeak, rssEnd) - rssIdle) / (count / 1000);
    const parkedPerThousand = (rssParked - rssIdle) / (count / 1000);
    const result = {
      fdLimit: limits,
      agents: count,
      requestedAgents: cfg.agents,
      clientWorkers: cfg.clientWorkers,
      ...(scraper ? { serverLoopLagMaxMsPer5s: loopLag } : {}),
      serverCpuPercent: pct('server'),
      clientsCpuPercent: pct('clients'),
      rampSeconds,
      holdSeconds: cfg.holdSeconds,
      heartbeatIntervalSeconds: cfg.heartbeatIntervalSeconds,
      heartbeatsSent: sent,
      heartbeatsOk: hbLatencies.length,
      heartbeatErrors: hbErrors,
      heartbeatsUnanswered: unanswered,
      firstHeartbeatError: firstHbError,
      heartbeat: hb,
      slowHeartbeatsBySecond: slowBySecond,
      heartbeatSender: workers.some((w) => w.role === 'heartbeats') ? 'separate' : 'shared',
      clientLoopDelayMaxMs: round(Math.max(...held.map((h) => h.clientLoopDelayMs.max)), 1),
      // The loop delay of the process(es) that send and time the heartbeats: what the latency includes of the client.
      senderLoopDelayMaxMs: round(
        Math.max(...held.filter((_, i) => workers[i].role !== 'polls').map((h) => h.clientLoopDelayMs.max)),
        1,
      ),
      worstSeconds: [...worstBySecond]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([sec, ms]) => ({ atSecond: sec, ms: round(ms, 0) })),
      pollErrors,
      pollErrorsInRamp,
      firstPollError,
      pollsAnswered,
      pollsParkedAtEnd: parkedAtEnd,
      rssIdleMb: round(rssIdle, 1),
      rssPeakMb: round(rssPeak, 1),
      rssParkedMb: round(rssParked, 1),
      rssEndMb: round(rssEnd, 1),
      rssParkedPerThousandAgentsMb: round(parkedPerThousand, 1),
      rssPerThousandAgentsMb: round(perThousand, 1),
      rssProjectedAt20kMb: round(rssIdle + perThousand * 20, 0),
    };
    if ((cfg.serverNodeArgs ?? []).includes('--trace-gc')) {
      result.gc = server.gcStats();
      log(
        `  GC: ${result.gc.count} collections, ${result.gc.markCompacts} mark-compact, max pause ${result.gc.maxPauseMs} ms, total ${result.gc.totalPauseMs} ms`,
      );
    }
    log(
      `  fleet ${count}: hb ${result.heartbeatsOk}/${sent} ok, ${unanswered} unanswered 15 s after the hold, p50 ${hb.p50} ms p99 ${hb.p99} ms max ${hb.max} ms, hb errors ${hbErrors} ${firstHbError ?? ''}, poll errors ${pollErrors} ${firstPollError ?? ''}; CPU during the hold: server ${result.serverCpuPercent}% of a core, clients ${result.clientsCpuPercent}% (client event-loop delay max ${result.clientLoopDelayMaxMs} ms; heartbeats sent ${result.heartbeatSender === 'separate' ? 'by a worker of their own' : 'by the poll workers'}, its loop delay max ${result.senderLoopDelayMaxMs} ms)`,
    );
    log(
      `  RSS idle ${result.rssIdleMb} MB, polls parked ${result.rssParkedMb} MB (${result.rssParkedPerThousandAgentsMb} MB/1,000), peak ${result.rssPeakMb} MB (${result.rssPerThousandAgentsMb} MB/1,000 -> ${result.rssProjectedAt20kMb} MB projected at 20,000)`,
    );
    return result;
  } finally {
    for (const w of workers ?? []) w.child.kill('SIGKILL');
    await server.stop();
  }
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const epochMs = () => performance.timeOrigin + performance.now();

/**
 * Forks the client workers; agent i goes to worker i mod n, so every worker's share is spread evenly.
 * `origin` is one server, or a list of replicas: worker w then drives replica w mod the list's length.
 */
export function startWorkers(n, agents, origin, cfg) {
  const origins = [].concat(origin);
  const rampStartEpoch = epochMs() + 200;
  // With one server, the heartbeats can come from a worker of their own (cfg.heartbeatSender 'separate'): it
  // holds no parked polls, so its event loop is not stalled by the collections of 7,500 parked requests, and
  // the latency it times is the server's, as for a real agent, whose heartbeat shares a process with one poll.
  const separate = cfg.heartbeatSender === 'separate' && origins.length === 1;
  const specs = Array.from({ length: n }, (_, w) => ({
    role: separate ? 'polls' : 'both',
    share: agents.flatMap((a, index) =>
      index % n === w ? [{ index, agentId: a.agentId, agentToken: a.agentToken }] : [],
    ),
    origin: origins[w % origins.length],
    heartbeatConnections: separate ? 0 : Math.ceil(cfg.heartbeatConnections / n),
  }));
  if (separate)
    specs.push({
      role: 'heartbeats',
      share: agents.map((a, index) => ({ index, agentId: a.agentId, agentToken: a.agentToken })),
      origin: origins[0],
      heartbeatConnections: cfg.heartbeatConnections,
    });
  return specs.map((spec, w) => {
    const child = fork(WORKER, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: cfg.clientNodeArgs ?? [],
    });
    // --client-nice=N: the clients yield the cores to the server, as agents on other machines would.
    if (cfg.clientNice) setPriority(child.pid, cfg.clientNice);
    const worker = {
      child,
      status: { parked: 0, pollErrors: 0, firstPollError: null, pollsAnswered: 0 },
      waiters: new Map(),
    };
    child.on('message', (m) => {
      if (m.type === 'status' || m.type === 'stopped') worker.status = m;
      worker.waiters.get(m.type)?.(m);
    });
    worker.next = (type, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fleet worker ${w}: no "${type}" within ${timeoutMs} ms`)),
          timeoutMs,
        );
        worker.waiters.set(type, (m) => {
          clearTimeout(timer);
          resolve(m);
        });
        child.once('exit', (code) => reject(new Error(`fleet worker ${w} exited (${code}) before "${type}"`)));
      });
    worker.stop = async () => {
      const stopped = worker.next('stopped', 20_000).catch(() => null);
      child.send({ type: 'stop' });
      await stopped;
    };
    worker.role = spec.role;
    child.send({
      type: 'start',
      origin: spec.origin,
      agents: spec.share,
      total: agents.length,
      rampStartEpoch,
      rampSeconds: cfg.rampSeconds,
      intervalMs: cfg.heartbeatIntervalSeconds * 1000,
      heartbeatConnections: spec.heartbeatConnections,
      role: spec.role,
    });
    return worker;
  });
  return workers;
}

export function sumStatus(workers) {
  const out = { parked: 0, pollErrors: 0, firstPollError: null, pollsAnswered: 0 };
  for (const w of workers) {
    out.parked += w.status.parked;
    out.pollErrors += w.status.pollErrors;
    out.pollsAnswered += w.status.pollsAnswered;
    out.firstPollError ??= w.status.firstPollError;
  }
  return out;
}
