// Fleet client worker (forked by fleet.mjs): drives one share of the simulated agents, each with
// an open long-poll and a heartbeat every interval, and reports its figures over IPC. Splitting
// the client over processes keeps one client event loop from becoming the bottleneck (or the
// open-files limit of one process) when 15,000+ agents are simulated.
//
// Messages in:  start {origin, agents: [{index, agentId, agentToken}], total, rampStartEpoch,
//                      rampSeconds, intervalMs, heartbeatConnections, role: 'both' | 'polls' | 'heartbeats'}
//               hold {holdStartEpoch, holdSeconds}
//               stop
// Messages out: status {parked, pollErrors, firstPollError, pollsAnswered}   (every 500 ms)
//               held {latencies, worstBySecond, sent, errors, firstError, unanswered, parkedAtEnd,
//                     clientLoopDelayMs: {p99, max}}
import { setMaxListeners } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client, Pool } from 'undici';
import { sleep } from '../lib/stats.mjs';

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const epochMs = () => performance.timeOrigin + performance.now();

const abort = new AbortController();
setMaxListeners(0, abort.signal);
let running = true;
/** One connection per agent for its long-poll, as a real agent has (a Pool would scan all of them per request). */
const pollClients = [];
let hbPool = null;
const poll = { parked: 0, pollErrors: 0, firstPollError: null, pollsAnswered: 0 };
let statusTimer = null;
const loops = [];

async function pollLoop(origin, a) {
  const client = new Client(origin, {
    pipelining: 1,
    keepAliveTimeout: 120_000,
    headersTimeout: 90_000,
    bodyTimeout: 90_000,
    connectTimeout: 30_000,
  });
  pollClients.push(client);
  while (running) {
    let counted = false;
    try {
      const p = client.request({
        method: 'GET',
        path: `/api/agents/${a.agentId}/commands?waitSeconds=30`,
        headers: { authorization: `Bearer ${a.agentToken}` },
        signal: abort.signal,
      });
      poll.parked++;
      counted = true;
      const res = await p;
      poll.parked--;
      counted = false;
      await res.body.dump();
      poll.pollsAnswered++;
      if (res.statusCode !== 200) {
        poll.pollErrors++;
        poll.firstPollError ??= `HTTP ${res.statusCode}`;
        await sleep(1000);
      }
    } catch (error) {
      if (counted) poll.parked--;
      if (!running) return;
      poll.pollErrors++;
      poll.firstPollError ??= String(error?.message ?? error);
      await sleep(1000);
    }
  }
}

async function start(m) {
  statusTimer = setInterval(() => process.send({ type: 'status', ...poll }), 500);
  if (m.role !== 'polls')
    hbPool = new Pool(m.origin, {
      connections: m.heartbeatConnections,
      pipelining: 1,
      keepAliveTimeout: 120_000,
      headersTimeout: 90_000,
      connectTimeout: 30_000,
    });
  if (m.role === 'heartbeats') return;
  // First polls spread evenly over the ramp by global index, so the fleet's re-polls stay spread
  // like independent agents' would instead of arriving in waves.
  for (const a of m.agents) {
    const wait = m.rampStartEpoch + (a.index / m.total) * m.rampSeconds * 1000 - epochMs();
    if (wait > 2) await sleep(wait);
    loops.push(pollLoop(m.origin, a));
  }
}

/**
 * Once every poll is parked, heartbeat k of agent i is due at holdStart + k*interval +
 * i*interval/total. Latency is timed from that scheduled moment, so a server (or client)
 * falling behind shows (no coordinated omission). The first interval includes each agent's
 * first heartbeat after the server start, which is always audited.
 */
async function heartbeats(m, window) {
  // The client's own event-loop delay during the hold: large values would mean the latencies
  // measure the client, not the server.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const hold = { latencies: [], worstBySecond: {}, slowBySecond: {}, sent: 0, errors: 0, firstError: null };
  const inflight = new Set();
  loopDelay.enable();
  const send = async (a, due) => {
    try {
      const res = await hbPool.request({
        method: 'POST',
        path: `/api/agents/${a.agentId}/heartbeat`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` },
        body: '{}',
      });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      const ms = epochMs() - due;
      hold.latencies.push(ms);
      const sec = Math.floor((due - window.start) / 1000);
      if (ms > (hold.worstBySecond[sec] ?? 0)) hold.worstBySecond[sec] = ms;
      if (ms > 50) hold.slowBySecond[sec] = (hold.slowBySecond[sec] ?? 0) + 1;
    } catch (error) {
      hold.errors++;
      hold.firstError ??= String(error?.message ?? error);
    }
  };
  // A worker that only holds polls sits the hold out (its loop delay still reported).
  if (m.role === 'polls') await sleep(window.end - epochMs());
  else
    outer: for (let k = 0; ; k++) {
      for (const a of m.agents) {
        const due = window.start + k * m.intervalMs + (a.index / m.total) * m.intervalMs;
        if (due >= window.end) break outer;
        const wait = due - epochMs();
        if (wait > 2) await sleep(wait);
        if (!running) return;
        const p = send(a, due);
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        hold.sent++;
      }
    }
  await Promise.race([Promise.allSettled([...inflight]), sleep(15_000)]);
  loopDelay.disable();
  const clientLoopDelayMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  process.send({ type: 'held', ...hold, unanswered: inflight.size, parkedAtEnd: poll.parked, clientLoopDelayMs });
}

async function stop() {
  running = false;
  clearInterval(statusTimer);
  abort.abort();
  await Promise.race([Promise.allSettled(loops), sleep(10_000)]);
  await Promise.allSettled([...pollClients.map((c) => c.destroy()), hbPool?.destroy()]);
  process.send({ type: 'stopped', ...poll });
  process.disconnect();
}

let share = null;
process.on('message', (m) => {
  if (m.type === 'start') {
    share = m;
    void start(m);
  } else if (m.type === 'hold')
    void heartbeats(share, { start: m.holdStartEpoch, end: m.holdStartEpoch + m.holdSeconds * 1000 });
  else if (m.type === 'stop') void stop();
});
// The parent going away (abort, crash) ends the worker too.
process.on('disconnect', () => process.exit(0));
