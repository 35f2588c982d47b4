// Diagnostics (not part of `npm run bench`): heartbeat and empty poll (waitSeconds=0) of two or more builds,
// all servers up, in alternating rounds (A, B, A, B, ...): req/s and the server's CPU µs per request,
// medians over the rounds, and the median over the rounds of each build's CPU per request divided by
// the first build's in the same round (the VM's speed drifts between rounds, less within one).
// `node bench/ab-hot.mjs <dist A> <dist B> [more dists...] [rounds, default 5] [seconds per round, default 3]`
// A build may carry server environment: `dist+OPSTAGE_AGENT_FAST_PATH=false` (the same build, the fast path off).
import { resolve } from 'node:path';
import { OpstageClient, registerAgents } from './lib/api.mjs';
import { runLoad } from './lib/load.mjs';
import { median } from './lib/stats.mjs';

const args = process.argv.slice(2);
const numbers = [];
while (/^\d+$/.test(args.at(-1) ?? '')) numbers.unshift(args.pop());
const [roundsArg = '5', secondsArg = '3'] = numbers;
if (args.length < 2)
  throw new Error('usage: node bench/ab-hot.mjs <dist A> <dist B> [more dists...] [rounds] [seconds]');
const builds = [];
for (const [i, dist] of args.entries()) {
  const [path, ...vars] = dist.split('+');
  process.env.OPSTAGE_BENCH_DIST = resolve(path);
  // A module instance per build: SERVER_ENTRY is read from the environment when the module loads.
  const lib = await import(`./lib/server.mjs?build=${i}`);
  const server = await lib.startOpstage({ extraEnv: Object.fromEntries(vars.map((v) => v.split('='))) });
  const client = new OpstageClient(server.origin);
  await client.login();
  const agents = await registerAgents(client, 100, { prefix: `ab${i}`, concurrency: 8 });
  builds.push({ dist, server, client, agents, hb: [], poll: [] });
}
delete process.env.OPSTAGE_BENCH_DIST;
const requests = {
  hb: (agents) => (i) => ({
    method: 'POST',
    path: `/api/agents/${agents[i % agents.length].agentId}/heartbeat`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agents[i % agents.length].agentToken}` },
    body: '{}',
  }),
  poll: (agents) => (i) => ({
    method: 'GET',
    path: `/api/agents/${agents[i % agents.length].agentId}/commands?waitSeconds=0`,
    headers: { authorization: `Bearer ${agents[i % agents.length].agentToken}` },
  }),
};
const measure = (b, kind, ms, warmupMs) =>
  runLoad({
    origin: b.server.origin,
    serverPid: b.server.pid,
    concurrency: 32,
    durationMs: ms,
    warmupMs,
    request: requests[kind](b.agents),
  });
try {
  for (const b of builds) for (const kind of ['hb', 'poll']) await measure(b, kind, 1500, 0);
  for (let k = 0; k < Number(roundsArg); k++)
    for (const kind of ['hb', 'poll'])
      for (const b of builds) b[kind].push(await measure(b, kind, Number(secondsArg) * 1000, 300));
  for (const b of builds)
    for (const kind of ['hb', 'poll']) {
      const ratio = median(b[kind].map((r, k) => r.serverCpuUsPerRequest / builds[0][kind][k].serverCpuUsPerRequest));
      console.log(
        `${b.dist} ${kind}: ${median(b[kind].map((r) => r.rps))} req/s, server CPU ${median(b[kind].map((r) => r.serverCpuUsPerRequest))} µs/req (rounds: ${b[kind].map((r) => r.serverCpuUsPerRequest).join(', ')}), ${Math.round(ratio * 100)}% of the first build's CPU per request (median of the rounds), errors ${b[kind].reduce((n, r) => n + r.errors, 0)}`,
      );
    }
} finally {
  for (const b of builds) {
    await b.client.close().catch(() => {});
    await b.server.stop();
  }
}
