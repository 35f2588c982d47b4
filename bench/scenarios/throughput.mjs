// Scenarios 1 and 2: bare baselines, then heartbeat throughput through the full Opstage stack.
import { runLoad } from '../lib/load.mjs';
import { startBaseline } from '../lib/server.mjs';
import { registerAgents } from '../lib/api.mjs';
import { round } from '../lib/stats.mjs';

const HB_BODY = '{}';

function loadOptions(cfg, origin, request, serverPid) {
  return { origin, serverPid, concurrency: cfg.concurrency, durationMs: cfg.durationMs, warmupMs: cfg.warmupMs, maxRequests: cfg.maxRequests, request };
}

/** Same request shape as a heartbeat (POST, JSON body, bearer header) against the bare servers. */
export async function baseline(cfg, log) {
  const out = {};
  for (const kind of ['http', 'express', 'nest']) {
    const srv = await startBaseline(kind);
    try {
      const r = await runLoad(
        loadOptions(cfg, srv.origin, () => ({
          method: 'POST',
          path: '/hb',
          headers: { 'content-type': 'application/json', authorization: 'Bearer opstage_agent_baseline' },
          body: HB_BODY,
        }), srv.pid),
      );
      out[kind] = r;
      log(`  baseline ${kind.padEnd(7)} ${r.rps} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  server CPU ${r.serverCpuUsPerRequest} µs/req (${r.serverCpuPercent}% of a core)`);
    } finally {
      await srv.stop();
    }
  }
  return out;
}

export async function heartbeat(cfg, ctx, log) {
  const { server, client } = ctx;
  const t0 = Date.now();
  const agents = await registerAgents(client, cfg.agents, { prefix: 'hb', concurrency: 8 });
  log(`  registered ${agents.length} agents in ${Date.now() - t0} ms`);
  const rssBefore = server.rssMb();
  const r = await runLoad(
    loadOptions(cfg, server.origin, (i) => {
      const a = agents[i % agents.length];
      return {
        method: 'POST',
        path: `/api/agents/${a.agentId}/heartbeat`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` },
        body: HB_BODY,
      };
    }, server.pid),
  );
  r.agents = agents.length;
  // Where the cost sits: the same stack without DB work (public version route, unknown route),
  // the heartbeat again, and an immediate (waitSeconds=0) command poll.
  const auth = (i) => agents[i % agents.length];
  const routes = {
    'GET /api/system/version': () => ({ method: 'GET', path: '/api/system/version' }),
    'GET unknown route (404)': () => ({ method: 'GET', path: '/api/no-such-route' }),
    'GET commands?waitSeconds=0': (i) => ({ method: 'GET', path: `/api/agents/${auth(i).agentId}/commands?waitSeconds=0`, headers: { authorization: `Bearer ${auth(i).agentToken}` } }),
  };
  r.breakdown = {};
  for (const [name, request] of Object.entries(routes)) {
    const b = await runLoad({ origin: server.origin, serverPid: server.pid, concurrency: cfg.concurrency, durationMs: cfg.breakdownMs, warmupMs: 500, request });
    r.breakdown[name] = { rps: b.rps, p50: b.p50, p99: b.p99, serverCpuUsPerRequest: b.serverCpuUsPerRequest, statuses: b.statuses };
    log(`    ${name.padEnd(28)} ${b.rps} req/s  p50 ${b.p50} ms  server CPU ${b.serverCpuUsPerRequest} µs/req`);
  }
  r.rssBeforeMb = round(rssBefore, 1);
  r.rssAfterMb = round(server.rssMb(), 1);
  log(`  heartbeat ${r.rps} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  server CPU ${r.serverCpuUsPerRequest} µs/req (${r.serverCpuPercent}% of a core) ${r.firstError ?? ''}`);
  return { result: r, agents };
}
