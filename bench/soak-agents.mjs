// Soak agents (forked by bench/soak.mjs): one share of a fleet speaking the agent wire protocol
// like the SDK does, kept light so thousands fit in one process: each agent keeps a long-poll
// open (its own connection), heartbeats every interval (spread evenly), and answers every command
// it receives with a result at once.
//
// Messages in:  start {origin, agents: [{index, agentId, agentToken}], total, intervalMs}
//               stop
// Messages out: stats {polls, pollErrors, heartbeats, heartbeatErrors, results, resultErrors, firstError}  (every 5 s)
//               stopped {...stats}
import { setMaxListeners } from 'node:events';
import { Client, Pool } from 'undici';
import { sleep } from './lib/stats.mjs';

const abort = new AbortController();
// One signal shared by every request of this share of the fleet.
setMaxListeners(0, abort.signal);
let running = true;
const clients = [];
let pool = null;
const stats = {
  polls: 0,
  pollErrors: 0,
  heartbeats: 0,
  heartbeatErrors: 0,
  results: 0,
  resultErrors: 0,
  firstError: null,
};
const loops = [];

const fail = (kind, error) => {
  stats[kind] += 1;
  stats.firstError ??= `${kind}: ${String(error?.message ?? error)}`;
};

async function post(path, token, body) {
  const res = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: abort.signal,
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} ${path.replace(/agt_\w+|cmd_\w+/g, ':id')}`);
}

async function pollLoop(origin, a) {
  const client = new Client(origin, {
    pipelining: 1,
    keepAliveTimeout: 120_000,
    headersTimeout: 90_000,
    bodyTimeout: 90_000,
    connectTimeout: 30_000,
  });
  clients.push(client);
  while (running) {
    try {
      const res = await client.request({
        method: 'GET',
        path: `/api/agents/${a.agentId}/commands?waitSeconds=30&limit=4`,
        headers: { authorization: `Bearer ${a.agentToken}` },
        signal: abort.signal,
      });
      const text = await res.body.text();
      stats.polls += 1;
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} poll`);
      for (const command of JSON.parse(text).data) {
        const startedAt = new Date().toISOString();
        post(`/api/agents/${a.agentId}/commands/${command.id}/result`, a.agentToken, {
          success: true,
          message: 'soak',
          data: { echo: command.payload },
          startedAt,
          finishedAt: new Date().toISOString(),
        }).then(
          () => (stats.results += 1),
          (error) => fail('resultErrors', error),
        );
      }
    } catch (error) {
      if (!running) return;
      fail('pollErrors', error);
      await sleep(1_000);
    }
  }
}

async function heartbeats(m) {
  const start = Date.now();
  for (let k = 0; running; k++) {
    for (const a of m.agents) {
      const due = start + k * m.intervalMs + (a.index / m.total) * m.intervalMs;
      const wait = due - Date.now();
      if (wait > 2) await sleep(wait);
      if (!running) return;
      post(`/api/agents/${a.agentId}/heartbeat`, a.agentToken, {}).then(
        () => (stats.heartbeats += 1),
        (error) => fail('heartbeatErrors', error),
      );
    }
  }
}

let statsTimer = null;
async function start(m) {
  pool = new Pool(m.origin, { connections: 16, pipelining: 1, keepAliveTimeout: 120_000, headersTimeout: 60_000 });
  statsTimer = setInterval(() => process.send({ type: 'stats', ...stats }), 5_000);
  // Polls start spread over 20 s, like agents starting independently.
  void heartbeats(m);
  for (const a of m.agents) {
    await sleep(20_000 / m.agents.length);
    if (!running) return;
    loops.push(pollLoop(m.origin, a));
  }
}

async function stop() {
  running = false;
  clearInterval(statsTimer);
  abort.abort();
  await Promise.race([Promise.allSettled(loops), sleep(10_000)]);
  await Promise.allSettled([...clients.map((c) => c.destroy()), pool?.destroy()]);
  process.send({ type: 'stopped', ...stats });
  process.disconnect();
}

process.on('message', (m) => {
  if (m.type === 'start') void start(m);
  else if (m.type === 'stop') void stop();
});
process.on('disconnect', () => process.exit(0));
