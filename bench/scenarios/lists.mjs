// Scenario 5: list endpoints and the streamed CSV export at size (1M audit events, 100k commands).
import { AUDIT_ACTIONS, openDb, seedAudit, seedCommands } from '../lib/seed.mjs';
import { nowMs, round, sleep, summarize } from '../lib/stats.mjs';

async function timeGet(client, path, samples) {
  const first = await client.adminGet(path, null);
  if (first.status !== 200) return { path, error: `HTTP ${first.status}: ${JSON.stringify(first.json).slice(0, 200)}` };
  const total = first.json?.pagination?.total ?? null;
  const times = [];
  const until = nowMs() + 6000; // bounded: a slow endpoint gets fewer samples, not a longer run
  for (let i = 0; i < samples && (i < 5 || nowMs() < until); i++) {
    const t0 = nowMs();
    const res = await client.adminGet(path, null);
    times.push(nowMs() - t0);
    if (res.status !== 200) return { path, error: `HTTP ${res.status}` };
  }
  return { path, total, items: first.json?.data?.length ?? null, ...summarize(times) };
}

async function exportCsv(server, client, maxMs) {
  const baseRss = server.rssMb();
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    const r = server.rssMb();
    if (r !== null && r > peakRss) peakRss = r;
  }, 50);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), maxMs);
  let lines = 0;
  let bytes = 0;
  let complete = false;
  let status = null;
  let ttfbMs = null;
  const t0 = nowMs();
  try {
    const res = await client.pool.request({
      method: 'GET',
      path: '/api/admin/audit-events/export?format=csv',
      headers: client.adminHeaders(),
      signal: abort.signal,
    });
    status = res.statusCode;
    ttfbMs = nowMs() - t0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    complete = true;
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
  }
  const seconds = (nowMs() - t0) / 1000;
  await sleep(2000);
  const rssAfter = server.rssMb();
  const rows = Math.max(0, lines - 1); // minus the header line
  return {
    status,
    complete,
    rows,
    mb: round(bytes / 2 ** 20, 1),
    seconds: round(seconds, 1),
    ttfbMs: round(ttfbMs, 0),
    rowsPerSecond: round(rows / seconds, 0),
    rssBeforeMb: round(baseRss, 1),
    rssPeakMb: round(peakRss, 1),
    rssGrowthMb: round(peakRss - baseRss, 1),
    rssTwoSecondsAfterMb: round(rssAfter, 1),
  };
}

export async function lists(cfg, ctx, log) {
  const { server, client } = ctx;
  const targets = (ctx.dispatchAgents ?? ctx.agents ?? []).filter((a) => a.serviceId);
  const db = openDb(server.databasePath);
  let seed;
  try {
    const user = db.prepare('SELECT id FROM users ORDER BY createdAt LIMIT 1').get();
    if (targets.length === 0) {
      // No agent/service from the earlier scenarios: take any stored service.
      for (const row of db.prepare('SELECT id AS serviceId, agentId FROM capsule_services LIMIT 100').all())
        targets.push(row);
    }
    const t0 = nowMs();
    seedAudit(db, cfg.auditRows);
    const auditMs = nowMs() - t0;
    let commandsMs = null;
    if (targets.length > 0) {
      const t1 = nowMs();
      seedCommands(db, cfg.commandRows, targets, user.id);
      commandsMs = nowMs() - t1;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    seed = {
      auditRows: cfg.auditRows,
      auditSeconds: round(auditMs / 1000, 1),
      commandRows: targets.length > 0 ? cfg.commandRows : 0,
      commandSeconds: commandsMs === null ? null : round(commandsMs / 1000, 1),
      commandsSkipped: targets.length === 0 ? 'no agent/service to attach commands to' : undefined,
      method: 'better-sqlite3 prepared INSERTs into the live WAL database, 20k rows per transaction',
    };
    log(
      `  seeded ${seed.auditRows} audit events in ${seed.auditSeconds} s, ${seed.commandRows} commands in ${seed.commandSeconds} s`,
    );
  } finally {
    db.close();
  }
  await sleep(200);

  // Seeded FAILED commands are rows i % 10 === 7, attached to targets[i % targets.length]: pick one that has some.
  const someAgent = targets[7 % Math.max(1, targets.length)]?.agentId ?? 'agt_none';
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000).toISOString();
  const paths = {
    'audit page 1': '/api/admin/audit-events?page=1&pageSize=20',
    'audit filtered (action+actorType)': `/api/admin/audit-events?action=${AUDIT_ACTIONS[2]}&actorType=USER&page=1&pageSize=20`,
    'audit filtered (result+date range)': `/api/admin/audit-events?result=FAILURE&from=${twoWeeksAgo}&to=${weekAgo}&page=1&pageSize=20`,
    'commands page 1': '/api/admin/commands?page=1&pageSize=20',
    'commands filtered (status+agent)': `/api/admin/commands?status=FAILED&agentId=${someAgent}&page=1&pageSize=20`,
    'services page 1': '/api/admin/capsule-services?page=1&pageSize=20',
    'services filtered (status+q)': '/api/admin/capsule-services?status=HEALTHY&q=dsp-1&page=1&pageSize=20',
  };
  const endpoints = {};
  for (const [name, path] of Object.entries(paths)) {
    const r = await timeGet(client, path, cfg.samples);
    endpoints[name] = r;
    log(
      `  ${name.padEnd(36)} ${r.error ? `ERROR ${r.error}` : `p50 ${r.p50} ms  p95 ${r.p95} ms  (total ${r.total})`}`,
    );
  }
  const exp = await exportCsv(server, client, cfg.exportMaxMs ?? 180_000);
  log(
    `  audit CSV export: ${exp.rows} rows in ${exp.seconds} s = ${exp.rowsPerSecond} rows/s, ${exp.mb} MB, RSS growth ${exp.rssGrowthMb} MB (complete ${exp.complete})`,
  );
  return { seed, endpoints, export: exp };
}
