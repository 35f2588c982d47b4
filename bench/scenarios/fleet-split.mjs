// `npm run bench -- --db postgres`, third scenario: the fleet split over two replicas on one PostgreSQL.
// Each simulated agent keeps a long-poll open and heartbeats every interval, as in the fleet scenario (same
// worker processes, same scheduled-time latency); agent i talks to replica i mod 2 only, as a load balancer
// with sticky-enough routing would spread it. The figure for sizing is each replica's CPU per 1,000 agents.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { cpuMs, openFds, startOpstage } from '../lib/server.mjs';
import { ulid } from '../lib/seed.mjs';
import { nowMs, round, sleep, summarize } from '../lib/stats.mjs';
import { epochMs, startWorkers, sumStatus } from './fleet.mjs';

const REPLICAS = ['bench-pg-1', 'bench-pg-2'];
const SEED_BATCH = 5000;

/**
 * `count` ONLINE agents with one ACTIVE token each, written like AgentsService.registerOrRotate does (token
 * stored as its SHA-256 hex), straight into PostgreSQL: the API would take minutes for thousands.
 */
async function seedAgentsPg(url, count, prefix) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const agents = [];
  try {
    for (let from = 0; from < count; from += SEED_BATCH) {
      const now = Date.now();
      const iso = new Date(now).toISOString();
      const rows = { ids: [], codes: [], names: [], tokenIds: [], hashes: [] };
      for (let i = from; i < Math.min(count, from + SEED_BATCH); i++) {
        const agentId = `agt_${ulid(now)}`;
        const agentToken = `opstage_agent_${randomBytes(32).toString('base64url')}`;
        rows.ids.push(agentId);
        rows.codes.push(`${prefix}-${i}`);
        rows.names.push(`Fleet ${i}`);
        rows.tokenIds.push(`tok_${ulid(now)}`);
        rows.hashes.push(createHash('sha256').update(agentToken, 'utf8').digest('hex'));
        agents.push({ agentId, agentToken, code: `${prefix}-${i}` });
      }
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO agents (id, "workspaceId", code, name, mode, runtime, status, "lastHeartbeatAt", "createdAt", "updatedAt")
         SELECT id, 'wks_default', code, name, 'embedded', 'nodejs', 'ONLINE', $4, $4, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, code, name)`,
        [rows.ids, rows.codes, rows.names, iso],
      );
      await client.query(
        `INSERT INTO agent_tokens (id, "agentId", "tokenHash", name, status, "lastUsedAt", "revokedAt", "createdAt", "updatedAt")
         SELECT id, "agentId", hash, NULL, 'ACTIVE', NULL, NULL, $4, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, "agentId", hash)`,
        [rows.tokenIds, rows.ids, rows.hashes, iso],
      );
      await client.query('COMMIT');
    }
  } finally {
    await client.end();
  }
  return agents;
}

export async function fleetSplit(cfg, database, log) {
  const limits = openFds(process.pid);
  // Each replica holds its half of the polls plus heartbeat connections, its pool and ~50 files; each client
  // worker holds its half of the polls. Keep 500 spare per process and round down to 500 per replica.
  const allowed = limits ? Math.floor((limits.hard - 500 - cfg.heartbeatConnections) / 500) * 500 : Infinity;
  const perReplica = Math.min(cfg.agentsPerReplica, allowed);
  const count = perReplica * REPLICAS.length;
  const servers = [];
  let workers = null;
  try {
    for (const id of REPLICAS)
      servers.push(await startOpstage({ extraEnv: { DATABASE_URL: database.url, OPSTAGE_REPLICA_ID: id } }));
    // What a replica costs with no agents (scheduler, cluster bus, pool), so the per-agent figure can be
    // separated from it: a replica's CPU is about idle + agents × the per-1,000 figure above idle.
    const idleFrom = { at: nowMs(), replicas: servers.map((s) => cpuMs(s.pid)), postgres: database.cpuMs() };
    await sleep(cfg.idleSeconds * 1000);
    const idleSeconds = (nowMs() - idleFrom.at) / 1000;
    const idleReplicas = servers.map((s, k) => round((cpuMs(s.pid) - idleFrom.replicas[k]) / 10 / idleSeconds, 1));
    const postgresNow = database.cpuMs();
    const idlePostgres = postgresNow === null ? null : round((postgresNow - idleFrom.postgres) / 10 / idleSeconds, 1);
    log(
      `  idle for ${round(idleSeconds, 1)} s: replicas ${idleReplicas.join(' / ')} % of a core, PostgreSQL ${idlePostgres ?? '-'} %`,
    );
    const ts = nowMs();
    const agents = await seedAgentsPg(database.url, count, 'fleet-split');
    log(
      `  fd limit ${limits?.soft}/${limits?.hard} -> ${perReplica} agents per replica (requested ${cfg.agentsPerReplica}), ${count} in all; seeded in ${round(nowMs() - ts, 0)} ms`,
    );

    // One client worker per replica: agent i goes to worker i mod 2, and worker w to replica w.
    workers = startWorkers(
      REPLICAS.length,
      agents,
      servers.map((s) => s.origin),
      cfg,
    );
    const tr = nowMs();
    const rampUntil = nowMs() + cfg.rampMaxSeconds * 1000;
    while (nowMs() < rampUntil && sumStatus(workers).parked < count) await sleep(200);
    const atRamp = sumStatus(workers);
    log(
      `  ${atRamp.parked} polls in flight after ${round((nowMs() - tr) / 1000, 1)} s ramp; poll errors so far ${atRamp.pollErrors} ${atRamp.firstPollError ?? ''}`,
    );

    const holdStartEpoch = epochMs() + 500;
    const cpuAt = () => ({
      at: nowMs(),
      replicas: servers.map((s) => cpuMs(s.pid)),
      postgres: database.cpuMs(),
      clients: workers.reduce((n, w) => n + (cpuMs(w.child.pid) ?? 0), 0),
    });
    // CPU in steady state: every agent's first heartbeat after a server start is audited (a one-off), so with
    // room for it the first interval of the hold is left out of the CPU window.
    const cpuFromMs = cfg.holdSeconds >= 2 * cfg.heartbeatIntervalSeconds ? cfg.heartbeatIntervalSeconds * 1000 : 0;
    let cpuStart = null;
    let cpuEnd = null;
    const cpuStartTimer = setTimeout(() => (cpuStart = cpuAt()), 500 + cpuFromMs);
    const cpuTimer = setTimeout(() => (cpuEnd = cpuAt()), cfg.holdSeconds * 1000 + 500);
    const held = await Promise.all(
      workers.map((w) => {
        w.child.send({ type: 'hold', holdStartEpoch, holdSeconds: cfg.holdSeconds });
        return w.next('held', (cfg.holdSeconds + 90) * 1000);
      }),
    );
    clearTimeout(cpuStartTimer);
    clearTimeout(cpuTimer);
    cpuStart ??= cpuAt();
    cpuEnd ??= cpuAt();
    const atEnd = sumStatus(workers);
    await Promise.all(workers.map((w) => w.stop()));

    const seconds = (cpuEnd.at - cpuStart.at) / 1000;
    /** Percent of one core over the hold. */
    const pct = (end, start) => (end === null || start === null ? null : round((end - start) / 10 / seconds, 1));
    const replicas = REPLICAS.map((id, k) => {
      const cpuPercent = pct(cpuEnd.replicas[k], cpuStart.replicas[k]);
      const hb = summarize(held[k].latencies);
      return {
        replicaId: id,
        agents: perReplica,
        heartbeatsSent: held[k].sent,
        heartbeatsOk: held[k].latencies.length,
        heartbeatErrors: held[k].errors,
        heartbeatsUnanswered: held[k].unanswered,
        firstHeartbeatError: held[k].firstError,
        heartbeat: hb,
        cpuPercent,
        cpuPercentPerThousandAgents: cpuPercent === null ? null : round(cpuPercent / (perReplica / 1000), 2),
        idleCpuPercent: idleReplicas[k],
        cpuPercentPerThousandAgentsAboveIdle:
          cpuPercent === null ? null : round((cpuPercent - idleReplicas[k]) / (perReplica / 1000), 2),
        rssMb: round(servers[k].rssMb() ?? 0, 1),
      };
    });
    const postgresCpuPercent = pct(cpuEnd.postgres, cpuStart.postgres);
    const hb = summarize(held.flatMap((h) => h.latencies));
    const result = {
      fdLimit: limits,
      agents: count,
      agentsPerReplica: perReplica,
      requestedAgentsPerReplica: cfg.agentsPerReplica,
      holdSeconds: cfg.holdSeconds,
      cpuWindowSeconds: round(seconds, 1),
      heartbeatIntervalSeconds: cfg.heartbeatIntervalSeconds,
      heartbeat: hb,
      heartbeatsSent: held.reduce((n, h) => n + h.sent, 0),
      heartbeatsOk: hb.n,
      heartbeatErrors: held.reduce((n, h) => n + h.errors, 0),
      heartbeatsUnanswered: held.reduce((n, h) => n + h.unanswered, 0),
      replicas,
      cpuPercentPerThousandAgentsPerReplica: round(
        Math.max(...replicas.map((r) => r.cpuPercentPerThousandAgents ?? 0)),
        2,
      ),
      cpuPercentPerThousandAgentsPerReplicaAboveIdle: round(
        Math.max(...replicas.map((r) => r.cpuPercentPerThousandAgentsAboveIdle ?? 0)),
        2,
      ),
      postgresIdleCpuPercent: idlePostgres,
      postgresCpuPercent,
      postgresCpuPercentPerThousandAgents:
        postgresCpuPercent === null ? null : round(postgresCpuPercent / (count / 1000), 2),
      clientsCpuPercent: pct(cpuEnd.clients, cpuStart.clients),
      clientLoopDelayMaxMs: round(Math.max(...held.map((h) => h.clientLoopDelayMs.max)), 1),
      pollErrors: atEnd.pollErrors,
      pollErrorsInRamp: atRamp.pollErrors,
      firstPollError: atEnd.firstPollError,
      pollsAnswered: atEnd.pollsAnswered,
      pollsParkedAtEnd: held.reduce((n, h) => n + h.parkedAtEnd, 0),
    };
    for (const r of replicas)
      log(
        `  ${r.replicaId}: ${r.agents} agents, hb ${r.heartbeatsOk}/${r.heartbeatsSent} ok, p50 ${r.heartbeat.p50} ms p99 ${r.heartbeat.p99} ms, errors ${r.heartbeatErrors} ${r.firstHeartbeatError ?? ''}; CPU ${r.cpuPercent}% of a core = ${r.cpuPercentPerThousandAgents}% per 1,000 agents (${r.cpuPercentPerThousandAgentsAboveIdle}% above its idle ${r.idleCpuPercent}%); RSS ${r.rssMb} MB`,
      );
    log(
      `  PostgreSQL CPU ${postgresCpuPercent ?? '-'}% of a core (${result.postgresCpuPercentPerThousandAgents ?? '-'}% per 1,000 agents); clients ${result.clientsCpuPercent}% (event-loop delay max ${result.clientLoopDelayMaxMs} ms); poll errors ${result.pollErrors}, ${result.pollsParkedAtEnd} polls parked at the end`,
    );
    return result;
  } finally {
    for (const w of workers ?? []) w.child.kill('SIGKILL');
    for (const server of servers) await server.stop().catch(() => {});
  }
}
