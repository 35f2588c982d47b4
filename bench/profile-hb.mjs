// Diagnostics (not part of `npm run bench`): server CPU per request for one route under load,
// optionally with a V8 CPU profile. `node bench/profile-hb.mjs <hb|poll|version|404|express> [--prof=dir]`.
import { startOpstage, startBaseline } from './lib/server.mjs';
import { OpstageClient, registerAgents } from './lib/api.mjs';
import { runLoad } from './lib/load.mjs';

const kind = process.argv[2] ?? 'hb';
const profDir = process.argv.find((a) => a.startsWith('--prof='))?.slice('--prof='.length);
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice('--seconds='.length) ?? 6);
let server;
let request;
let client;
if (kind === 'express' || kind === 'nest') {
  server = await startBaseline(kind);
  request = () => ({
    method: 'POST',
    path: '/hb',
    headers: { 'content-type': 'application/json', authorization: 'Bearer opstage_agent_x' },
    body: '{}',
  });
} else {
  server = await startOpstage({ nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
  client = new OpstageClient(server.origin);
  await client.login();
  const agents = await registerAgents(client, 100, { prefix: 'p', concurrency: 8 });
  const pick = (i) => agents[i % agents.length];
  request = {
    hb: (i) => ({
      method: 'POST',
      path: `/api/agents/${pick(i).agentId}/heartbeat`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pick(i).agentToken}` },
      body: '{}',
    }),
    poll: (i) => ({
      method: 'GET',
      path: `/api/agents/${pick(i).agentId}/commands?waitSeconds=0`,
      headers: { authorization: `Bearer ${pick(i).agentToken}` },
    }),
    version: () => ({ method: 'GET', path: '/api/system/version' }),
    404: () => ({ method: 'GET', path: '/api/nope' }),
  }[kind];
}
const r = await runLoad({
  origin: server.origin,
  serverPid: server.pid,
  concurrency: 32,
  durationMs: seconds * 1000,
  warmupMs: 1500,
  request,
});
console.log(
  `${kind}: ${r.rps} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  server CPU ${r.serverCpuUsPerRequest} µs/req  ${JSON.stringify(r.statuses)}`,
);
await client?.pool.close();
await server.stop();
