// Scenario 3: dispatch latency. N agents hold GET /commands?waitSeconds=30 long-polls; an operator
// executes `echo` on random waiting agents; we time execute-response -> that agent's poll-response.
import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';
import { openDb, seedAgents } from '../lib/seed.mjs';
import { nowMs, round, sleep, summarize } from '../lib/stats.mjs';

export async function dispatch(cfg, ctx, log) {
  const { server, client } = ctx;
  // With several replicas (--db postgres) agents poll `pollServer` while the operator (`client`) executes on
  // `server`, and the agents come registered with their service already (`preparedAgents`).
  const pollServer = ctx.pollServer ?? server;
  const t0 = Date.now();
  let agents = ctx.preparedAgents;
  if (!agents) {
    // Agents + tokens are seeded in SQL (registration throughput is not what this measures); each
    // agent then reports its `echo` service through the real API so the catalog is the server's own.
    const db = openDb(server.databasePath);
    try {
      agents = seedAgents(db, cfg.agents, 'dsp');
    } finally {
      db.close();
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < agents.length) {
          const a = agents[next++];
          a.serviceId = await client.reportEchoService(a);
        }
      }),
    );
  }
  const registerMs = Date.now() - t0;
  if (!ctx.preparedAgents)
    log(`  seeded ${agents.length} agents and reported an echo service for each in ${registerMs} ms`);

  const pollPool = new Pool(pollServer.origin, {
    connections: agents.length + 8,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: (cfg.waitSeconds + 30) * 1000,
    bodyTimeout: (cfg.waitSeconds + 30) * 1000,
  });
  const resultPool = new Pool(pollServer.origin, { connections: 8, pipelining: 1 });
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one signal shared by every parked poll
  const received = new Map(); // commandId -> poll response time
  const state = agents.map(() => ({ waitingSince: null, busy: false }));
  let pollErrors = 0;
  let firstPollError = null;
  let polls = 0;
  let running = true;

  const reportResult = async (agent, commandId) => {
    try {
      const res = await resultPool.request({
        method: 'POST',
        path: `/api/agents/${agent.agentId}/commands/${commandId}/result`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.agentToken}` },
        body: JSON.stringify({ success: true, message: 'echo', data: { echo: true } }),
      });
      await res.body.dump();
    } catch {
      // results are not measured; a failure here only leaves the command RUNNING
    }
  };

  const pollLoop = async (idx) => {
    const agent = agents[idx];
    while (running) {
      state[idx].waitingSince = nowMs();
      try {
        const res = await pollPool.request({
          method: 'GET',
          path: `/api/agents/${agent.agentId}/commands?waitSeconds=${cfg.waitSeconds}`,
          headers: { authorization: `Bearer ${agent.agentToken}` },
          signal: abort.signal,
        });
        const at = nowMs();
        state[idx].waitingSince = null;
        const text = await res.body.text();
        polls++;
        if (res.statusCode !== 200) {
          pollErrors++;
          firstPollError ??= `HTTP ${res.statusCode} ${text.slice(0, 200)}`;
          await sleep(500);
          continue;
        }
        const commands = JSON.parse(text).data ?? [];
        for (const c of commands) {
          received.set(c.id, at);
          void reportResult(agent, c.id);
        }
      } catch (error) {
        state[idx].waitingSince = null;
        if (!running) return;
        pollErrors++;
        firstPollError ??= String(error?.message ?? error);
        await sleep(500);
      }
    }
  };
  // Staggered first polls: real agents are not synchronised, and a synchronised fleet would make
  // every 30 s re-poll a burst that a 2-core server needs seconds to absorb.
  const loops = [];
  const rampStart = nowMs();
  for (let i = 0; i < agents.length; i++) {
    const due = rampStart + (i / agents.length) * cfg.rampSeconds * 1000;
    const wait = due - nowMs();
    if (wait > 2) await sleep(wait);
    loops.push(pollLoop(i));
  }
  await sleep(2000);
  const rssWithPolls = pollServer.rssMb();
  log(
    `  ${state.filter((s) => s.waitingSince !== null).length} long-polls open, server RSS ${round(rssWithPolls, 1)} MB`,
  );

  // Operator: sequential executes on random agents whose poll was sent > 1 s ago (time for the
  // server to park it) and will not time out in the next 2 s.
  const samples = []; // {commandId, sentAt, ackAt}
  let execErrors = 0;
  let firstExecError = null;
  const deadline = nowMs() + cfg.maxSeconds * 1000;
  for (let k = 0; k < cfg.executes && nowMs() < deadline; k++) {
    let idx = -1;
    for (let tries = 0; tries < 200; tries++) {
      const j = Math.floor(Math.random() * agents.length);
      const s = state[j];
      const age = s.waitingSince === null ? -1 : nowMs() - s.waitingSince;
      if (!s.busy && age > 1000 && age < (cfg.waitSeconds - 2) * 1000) {
        idx = j;
        break;
      }
    }
    if (idx < 0) {
      await sleep(20);
      continue;
    }
    const agent = agents[idx];
    state[idx].busy = true;
    const sentAt = nowMs();
    try {
      const res = await client.adminPost(`/api/admin/capsule-services/${agent.serviceId}/actions/echo`, {
        payload: { n: k },
      });
      samples.push({ commandId: res.json.data.id, sentAt, ackAt: nowMs(), idx });
    } catch (error) {
      execErrors++;
      firstExecError ??= String(error?.message ?? error);
    }
    setTimeout(() => (state[idx].busy = false), 1000);
    await sleep(cfg.gapMs);
  }

  // Wait (bounded) for the last deliveries.
  const waitUntil = nowMs() + 5000;
  while (nowMs() < waitUntil && samples.some((s) => !received.has(s.commandId))) await sleep(50);
  running = false;
  abort.abort();
  await Promise.allSettled(loops);
  await pollPool.destroy();
  await resultPool.close();

  const ackToPoll = [];
  const sendToPoll = [];
  let missing = 0;
  let beforeAck = 0;
  for (const s of samples) {
    const at = received.get(s.commandId);
    if (at === undefined) {
      missing++;
      continue;
    }
    // The poll can answer before the execute response reaches the operator: count it as 0 ms.
    if (at < s.ackAt) beforeAck++;
    ackToPoll.push(Math.max(0, at - s.ackAt));
    sendToPoll.push(at - s.sentAt);
  }
  const lat = summarize(ackToPoll);
  const full = summarize(sendToPoll);
  const result = {
    agents: agents.length,
    registerMs,
    waitSeconds: cfg.waitSeconds,
    executes: samples.length,
    delivered: ackToPoll.length,
    missing,
    deliveredBeforeExecuteResponse: beforeAck,
    execErrors,
    firstExecError,
    pollErrors,
    firstPollError,
    polls,
    rssWithPollsMb: round(rssWithPolls, 1),
    ackToPoll: lat,
    executeSentToPoll: full,
    referencePollIntervalSeconds: 5,
    referenceExpectedMeanMs: 2500,
  };
  log(
    `  dispatch: ${result.delivered}/${result.executes} delivered, ack->poll p50 ${lat.p50} ms p99 ${lat.p99} ms (send->poll p50 ${full.p50} p99 ${full.p99}); missing ${missing}, exec errors ${execErrors}, poll errors ${pollErrors} ${firstPollError ?? ''} ${firstExecError ?? ''}`,
  );
  return { result, agents };
}
