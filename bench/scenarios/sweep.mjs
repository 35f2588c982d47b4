// Scenario 7: sweep at size. 500k audit rows older than the 90-day retention are seeded, then a
// maintenance sweep (POST /api/admin/maintenance/run) prunes them while agents heartbeat with a
// small fixed concurrency. The same heartbeat load runs first without a sweep, for comparison.
import { OpstageClient, registerAgents } from '../lib/api.mjs';
import { runLoad } from '../lib/load.mjs';
import { startOpstage } from '../lib/server.mjs';
import { openDb, seedAudit } from '../lib/seed.mjs';
import { nowMs, round } from '../lib/stats.mjs';

export async function sweep(cfg, log) {
  const server = await startOpstage();
  const client = new OpstageClient(server.origin, { connections: 4 });
  try {
    await client.login();
    const agents = await registerAgents(client, 10, { prefix: 'swp' });
    const db = openDb(server.databasePath);
    const t0 = nowMs();
    try {
      seedAudit(db, cfg.rows, { days: 60, ageDays: 120 });
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    log(`  seeded ${cfg.rows} audit events 120-180 days old in ${round((nowMs() - t0) / 1000, 1)} s`);
    const hbRequest = (i) => {
      const a = agents[i % agents.length];
      return {
        method: 'POST',
        path: `/api/agents/${a.agentId}/heartbeat`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.agentToken}` },
        body: '{}',
      };
    };
    const load = { origin: server.origin, concurrency: cfg.concurrency, warmupMs: 500, request: hbRequest };
    const quiet = await runLoad({ ...load, durationMs: cfg.quietSeconds * 1000 });
    log(`  heartbeats without sweep: p50 ${quiet.p50} ms p99 ${quiet.p99} ms max ${quiet.max} ms`);

    // Heartbeats run until the sweep returns (bounded by maxSeconds).
    let sweepDone = false;
    const loadPromise = runLoad({ ...load, warmupMs: 0, durationMs: cfg.maxSeconds * 1000, stopWhen: () => sweepDone });
    const ts = nowMs();
    const res = await client.adminPost('/api/admin/maintenance/run', undefined, null);
    const sweepSeconds = round((nowMs() - ts) / 1000, 1);
    sweepDone = true;
    const during = await loadPromise;
    const check = openDb(server.databasePath);
    const left = check
      .prepare('SELECT COUNT(*) AS n FROM audit_events WHERE createdAt < ?')
      .get(new Date(Date.now() - 90 * 86_400_000).toISOString()).n;
    check.close();
    const result = {
      seededRows: cfg.rows,
      sweepStatus: res.status,
      sweepSeconds,
      sweepResult: res.json?.data ?? res.json,
      oldRowsLeft: left,
      heartbeatsWithoutSweep: quiet,
      heartbeatsDuringSweep: during,
    };
    log(
      `  sweep HTTP ${res.status} in ${sweepSeconds} s, old rows left ${left}; heartbeats during sweep: ${during.requests} ok, p50 ${during.p50} ms p99 ${during.p99} ms max ${during.max} ms`,
    );
    return result;
  } finally {
    await client.close().catch(() => {});
    await server.stop();
  }
}
