// Scenario 6: fleet hold. N agents (seeded in SQL) each keep a long-poll open and heartbeat every
// 30 s (spread evenly) for the hold period. Heartbeat latency is measured from the SCHEDULED send
// time, so a server that falls behind shows it (no coordinated omission).
import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';
import { openFds, startOpstage } from '../lib/server.mjs';
import { openDb, seedAgents } from '../lib/seed.mjs';
import { nowMs, round, sleep, summarize } from '../lib/stats.mjs';

export async function fleet(cfg, log) {
  const limits = openFds(process.pid);
  // Server sockets = polls + heartbeat connections + ~50 for files/listener; keep 1,000 spare.
  const allowed = limits ? Math.floor((limits.hard - 1000 - cfg.heartbeatConnections) / 1000) * 1000 : cfg.agents;
  const count = Math.min(cfg.agents, allowed);
  const server = await startOpstage({ nodeArgs: cfg.serverNodeArgs ?? [], extraEnv: cfg.serverEnv ?? {} });
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  let pollPool = null;
  let hbPool = null;
  let running = true;
  try {
    const db = openDb(server.databasePath);
    let agents;
    const ts = nowMs();
    try {
      agents = seedAgents(db, count, 'fleet');
    } finally {
      db.close();
    }
    log(`  fd limit ${limits?.soft}/${limits?.hard} -> fleet of ${count} agents (requested ${cfg.agents}); seeded in ${round(nowMs() - ts, 0)} ms`);
    const rssIdle = server.rssMb();

    pollPool = new Pool(server.origin, { connections: count, pipelining: 1, keepAliveTimeout: 120_000, headersTimeout: 90_000, bodyTimeout: 90_000, connectTimeout: 30_000 });
    hbPool = new Pool(server.origin, { connections: cfg.heartbeatConnections, pipelining: 1, keepAliveTimeout: 120_000, headersTimeout: 90_000, connectTimeout: 30_000 });
    let parked = 0;
    let pollErrors = 0;
    let firstPollError = null;
    let pollsAnswered = 0;

    const pollLoop = async (a) => {
      while (running) {
        let counted = false;
        try {
          const p = pollPool.request({ method: 'GET', path: `/api/agents/${a.agentId}/commands?waitSeconds=30`, headers: { authorization: `Bearer ${a.agentToken}` }, signal: abort.signal });
          parked++;
          counted = true;
          const res = await p;
          parked--;
          counted = false;
          await res.body.dump();
          pollsAnswered++;
          if (res.statusCode !== 200) {
            pollErrors++;
            firstPollError ??= `HTTP ${res.statusCode}`;
            await sleep(1000);
          }
        } catch (error) {
          if (counted) parked--;
          if (!running) return;
          pollErrors++;
          firstPollError ??= String(error?.message ?? error);
          await sleep(1000);
        }
      }
    };

    // Ramp: first polls spread evenly over rampSeconds (= the 30 s poll wait by default), so the
    // fleet's re-polls stay spread like independent agents' would instead of arriving in waves.
    const tr = nowMs();
    const loops = [];
    for (let i = 0; i < agents.length; i++) {
      const due = tr + (i / agents.length) * cfg.rampSeconds * 1000;
      const wait = due - nowMs();
      if (wait > 2) await sleep(wait);
      loops.push(pollLoop(agents[i]));
    }
    const rampUntil = nowMs() + cfg.rampMaxSeconds * 1000;
    while (nowMs() < rampUntil && parked < agents.length) await sleep(200);
    const rampSeconds = round((nowMs() - tr) / 1000, 1);
    const rssParked = server.rssMb();
    const pollErrorsInRamp = pollErrors;
    log(`  ${parked} polls in flight after ${rampSeconds} s ramp; RSS ${round(rssParked, 1)} MB (idle ${round(rssIdle, 1)} MB); poll errors so far ${pollErrors} ${firstPollError ?? ''}`);

    // Hold: every agent heartbeats once per interval, at an offset spread over the interval.
    const hbLatencies = [];
    const worstBySecond = new Map();
    let hbErrors = 0;
    let firstHbError = null;
    let rssPeak = server.rssMb();
    const holdStart = nowMs();
    const holdEnd = holdStart + cfg.holdSeconds * 1000;
    const intervalMs = cfg.heartbeatIntervalSeconds * 1000;
    const inflight = new Set();
    const sampler = setInterval(() => {
      const r = server.rssMb();
      if (r !== null && r > rssPeak) rssPeak = r;
    }, 500);
    const sendHb = async (a, scheduledAt) => {
      try {
        const res = await hbPool.request({ method: 'POST', path: `/api/agents/${a.agentId}/heartbeat`, headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` }, body: '{}' });
        await res.body.dump();
        if (res.statusCode !== 200) {
          hbErrors++;
          firstHbError ??= `HTTP ${res.statusCode}`;
        } else {
          const ms = nowMs() - scheduledAt;
          hbLatencies.push(ms);
          // Coarse timeline: worst latency per second of the hold, to spot periodic stalls.
          const sec = Math.floor((scheduledAt - holdStart) / 1000);
          if (ms > (worstBySecond.get(sec) ?? 0)) worstBySecond.set(sec, ms);
        }
      } catch (error) {
        hbErrors++;
        firstHbError ??= String(error?.message ?? error);
      }
    };
    let sent = 0;
    for (let tick = 0; ; tick++) {
      // Heartbeat k of agent i is due at holdStart + k*interval + i*interval/N.
      const due = holdStart + (sent / agents.length) * intervalMs;
      if (due >= holdEnd) break;
      const wait = due - nowMs();
      if (wait > 2) await sleep(wait);
      const a = agents[sent % agents.length];
      const p = sendHb(a, due);
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      sent++;
      if (tick % 500 === 0 && nowMs() > holdEnd + 10_000) break;
    }
    await Promise.race([Promise.allSettled([...inflight]), sleep(15_000)]);
    const unanswered = inflight.size; // still waiting 15 s after the hold: counted as timeouts
    clearInterval(sampler);
    const parkedAtEnd = parked;
    const rssEnd = server.rssMb();
    running = false;
    abort.abort();
    await Promise.race([Promise.allSettled(loops), sleep(10_000)]);

    const hb = summarize(hbLatencies);
    // Conservative: the peak (parked sockets + request garbage at the fleet's request rate) scaled
    // linearly; the parked figure is the cost of the open long-polls alone.
    const perThousand = (Math.max(rssPeak, rssEnd) - rssIdle) / (count / 1000);
    const parkedPerThousand = (rssParked - rssIdle) / (count / 1000);
    const result = {
      fdLimit: limits,
      agents: count,
      requestedAgents: cfg.agents,
      rampSeconds,
      holdSeconds: cfg.holdSeconds,
      heartbeatIntervalSeconds: cfg.heartbeatIntervalSeconds,
      heartbeatsSent: sent,
      heartbeatsOk: hbLatencies.length,
      heartbeatErrors: hbErrors,
      heartbeatsUnanswered: unanswered,
      firstHeartbeatError: firstHbError,
      heartbeat: hb,
      worstSeconds: [...worstBySecond].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([sec, ms]) => ({ atSecond: sec, ms: round(ms, 0) })),
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
      log(`  GC: ${result.gc.count} collections, ${result.gc.markCompacts} mark-compact, max pause ${result.gc.maxPauseMs} ms, total ${result.gc.totalPauseMs} ms`);
    }
    log(`  fleet ${count}: hb ${result.heartbeatsOk}/${sent} ok, ${unanswered} unanswered 15 s after the hold, p50 ${hb.p50} ms p99 ${hb.p99} ms max ${hb.max} ms, hb errors ${hbErrors} ${firstHbError ?? ''}, poll errors ${pollErrors} ${firstPollError ?? ''}`);
    log(`  RSS idle ${result.rssIdleMb} MB, polls parked ${result.rssParkedMb} MB (${result.rssParkedPerThousandAgentsMb} MB/1,000), peak ${result.rssPeakMb} MB (${result.rssPerThousandAgentsMb} MB/1,000 -> ${result.rssProjectedAt20kMb} MB projected at 20,000)`);
    return result;
  } finally {
    running = false;
    abort.abort();
    if (pollPool) await pollPool.destroy().catch(() => {});
    if (hbPool) await hbPool.destroy().catch(() => {});
    await server.stop();
  }
}
