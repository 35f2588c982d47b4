// Scenarios 1 and 2: bare baselines, then heartbeat throughput through the full Opstage stack.
import { runLoad } from '../lib/load.mjs';
import { startBaseline } from '../lib/server.mjs';
import { registerAgents } from '../lib/api.mjs';
import { median, round } from '../lib/stats.mjs';

const round1 = (x) => round(x, 1);

const HB_BODY = '{}';

function loadOptions(cfg, origin, request, serverPid) {
  return {
    origin,
    serverPid,
    concurrency: cfg.concurrency,
    durationMs: cfg.durationMs,
    warmupMs: cfg.warmupMs,
    maxRequests: cfg.maxRequests,
    request,
  };
}

/** Same request shape as a heartbeat (POST, JSON body, bearer header) against the bare servers. */
export async function baseline(cfg, log) {
  const out = {};
  for (const kind of ['http', 'express', 'nest']) {
    const srv = await startBaseline(kind);
    try {
      const r = await runLoad(
        loadOptions(
          cfg,
          srv.origin,
          () => ({
            method: 'POST',
            path: '/hb',
            headers: { 'content-type': 'application/json', authorization: 'Bearer opstage_agent_baseline' },
            body: HB_BODY,
          }),
          srv.pid,
        ),
      );
      out[kind] = r;
      log(
        `  baseline ${kind.padEnd(7)} ${r.rps} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  server CPU ${r.serverCpuUsPerRequest} µs/req (${r.serverCpuPercent}% of a core)`,
      );
    } finally {
      await srv.stop();
    }
  }
  return out;
}

/**
 * The heartbeat against the bare Express baseline in alternating rounds (Express, Opstage, Express,
 * ...), both servers up the whole time: this VM's speed drifts by 2× within minutes, so a ratio of
 * two runs made a minute apart measures the drift as much as the server. Each round's heartbeat
 * req/s is divided by the mean of the Express rounds either side of it; the reported ratio and p99
 * are the medians over the rounds.
 */
export async function heartbeat(cfg, ctx, log) {
  const { server, client } = ctx;
  const t0 = Date.now();
  const agents = await registerAgents(client, cfg.agents, { prefix: 'hb', concurrency: 8 });
  log(`  registered ${agents.length} agents in ${Date.now() - t0} ms`);
  const rssBefore = server.rssMb();
  const hbRequest = (i) => {
    const a = agents[i % agents.length];
    return {
      method: 'POST',
      path: `/api/agents/${a.agentId}/heartbeat`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` },
      body: HB_BODY,
    };
  };
  const pollRequest = (i) => {
    const a = agents[i % agents.length];
    return {
      method: 'GET',
      path: `/api/agents/${a.agentId}/commands?waitSeconds=0`,
      headers: { authorization: `Bearer ${a.agentToken}` },
    };
  };
  const expressRequest = () => ({
    method: 'POST',
    path: '/hb',
    headers: { 'content-type': 'application/json', authorization: 'Bearer opstage_agent_baseline' },
    body: HB_BODY,
  });
  const measure = (origin, request, pid) =>
    runLoad({ ...loadOptions(cfg, origin, request, pid), durationMs: cfg.roundMs, warmupMs: cfg.roundWarmupMs });
  const express = await startBaseline('express');
  const rounds = [];
  try {
    // Both servers' paths warmed (JIT, caches) before the first measured round.
    await runLoad({ ...loadOptions(cfg, server.origin, hbRequest, server.pid), durationMs: cfg.warmupMs, warmupMs: 0 });
    await runLoad({
      ...loadOptions(cfg, express.origin, expressRequest, express.pid),
      durationMs: cfg.warmupMs,
      warmupMs: 0,
    });
    let before = await measure(express.origin, expressRequest, express.pid);
    for (let k = 0; k < cfg.rounds; k++) {
      const hb = await measure(server.origin, hbRequest, server.pid);
      // The empty poll (waitSeconds=0) in the same round, against the same Express rounds around it.
      const poll = await measure(server.origin, pollRequest, server.pid);
      const after = await measure(express.origin, expressRequest, express.pid);
      const expressRps = (before.rps + after.rps) / 2;
      rounds.push({
        hb,
        poll,
        expressRps,
        expressCpuUsPerRequest: (before.serverCpuUsPerRequest + after.serverCpuUsPerRequest) / 2,
        ratio: hb.rps / expressRps,
        pollRatio: poll.rps / expressRps,
      });
      log(
        `    round ${k + 1}: heartbeat ${hb.rps} req/s (p99 ${hb.p99} ms, ${hb.serverCpuUsPerRequest} µs), empty poll ${poll.rps} req/s (${poll.serverCpuUsPerRequest} µs) / Express ${round1(expressRps)} req/s = ${Math.round((100 * hb.rps) / expressRps)}%, ${Math.round((100 * poll.rps) / expressRps)}%`,
      );
      before = after;
    }
  } finally {
    await express.stop();
  }
  const mid = (xs) => median(xs);
  const r = {
    rounds: rounds.map((x) => ({
      rps: x.hb.rps,
      p99: x.hb.p99,
      serverCpuUsPerRequest: x.hb.serverCpuUsPerRequest,
      expressRps: round1(x.expressRps),
      ratio: round1(x.ratio * 100),
    })),
    rps: mid(rounds.map((x) => x.hb.rps)),
    p50: mid(rounds.map((x) => x.hb.p50)),
    p99: mid(rounds.map((x) => x.hb.p99)),
    worstRoundP99: Math.max(...rounds.map((x) => x.hb.p99)),
    ratioToExpress: mid(rounds.map((x) => x.ratio)),
    poll: {
      rps: mid(rounds.map((x) => x.poll.rps)),
      ratioToExpress: mid(rounds.map((x) => x.pollRatio)),
      perRound: rounds.map((x) => round1(x.pollRatio * 100)),
      serverCpuUsPerRequest: mid(rounds.map((x) => x.poll.serverCpuUsPerRequest)),
      errors: rounds.reduce((n, x) => n + x.poll.errors, 0),
    },
    expressRps: mid(rounds.map((x) => x.expressRps)),
    serverCpuUsPerRequest: mid(rounds.map((x) => x.hb.serverCpuUsPerRequest)),
    expressCpuUsPerRequest: mid(rounds.map((x) => x.expressCpuUsPerRequest)),
    errors: rounds.reduce((n, x) => n + x.hb.errors, 0),
    firstError: rounds.find((x) => x.hb.firstError)?.hb.firstError ?? null,
  };
  r.agents = agents.length;
  // Where the cost sits: the same stack without DB work (public version route, unknown route),
  // the heartbeat again, and an immediate (waitSeconds=0) command poll.
  const auth = (i) => agents[i % agents.length];
  const routes = {
    'GET /api/system/version': () => ({ method: 'GET', path: '/api/system/version' }),
    'GET unknown route (404)': () => ({ method: 'GET', path: '/api/no-such-route' }),
    'GET commands?waitSeconds=0': (i) => ({
      method: 'GET',
      path: `/api/agents/${auth(i).agentId}/commands?waitSeconds=0`,
      headers: { authorization: `Bearer ${auth(i).agentToken}` },
    }),
  };
  r.breakdown = {};
  for (const [name, request] of Object.entries(routes)) {
    const b = await runLoad({
      origin: server.origin,
      serverPid: server.pid,
      concurrency: cfg.concurrency,
      durationMs: cfg.breakdownMs,
      warmupMs: 500,
      request,
    });
    r.breakdown[name] = {
      rps: b.rps,
      p50: b.p50,
      p99: b.p99,
      serverCpuUsPerRequest: b.serverCpuUsPerRequest,
      statuses: b.statuses,
    };
    log(`    ${name.padEnd(28)} ${b.rps} req/s  p50 ${b.p50} ms  server CPU ${b.serverCpuUsPerRequest} µs/req`);
  }
  r.rssBeforeMb = round(rssBefore, 1);
  r.rssAfterMb = round(server.rssMb(), 1);
  log(
    `  heartbeat (median of ${rounds.length} rounds) ${r.rps} req/s = ${Math.round(r.ratioToExpress * 100)}% of Express  p99 ${r.p99} ms  errors ${r.errors}  server CPU ${r.serverCpuUsPerRequest} µs/req ${r.firstError ?? ''}`,
  );
  return { result: r, agents };
}
