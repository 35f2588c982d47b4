#!/usr/bin/env node
// Soak (docs/operations.md, Reliability): `npm run soak -- --minutes 30 --agents 2000`.
// Starts the built server as in production (768 MB heap cap), seeds a fleet, and keeps it busy:
// every agent long-polls and heartbeats every 30 s, an operator runs commands (--rate per second)
// that agents answer at once, and a console reads the dashboard every 10 s; the maintenance sweep
// runs as configured. Every 10 s it samples the server's RSS, V8 heap, active handles, open file
// descriptors, database and WAL size into bench/results/soak/soak-<agents>-<minutes>m.csv, draws
// the same figures into an .svg chart beside it, and judges growth after the warm-up: RSS, heap,
// handles and descriptors must grow less than 10 % from the first minute after warm-up to the last
// minute (exit code 1 otherwise). The database grows with the data it keeps (commands, results,
// audit, within retention): its growth is reported per stored command instead.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpstageClient } from './lib/api.mjs';
import { openDb, seedAgents } from './lib/seed.mjs';
import { REPO_ROOT, rssMb, startOpstage } from './lib/server.mjs';
import { median, round, sleep } from './lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./soak-agents.mjs', import.meta.url));

function parseArgs(argv) {
  const out = {
    minutes: 30,
    agents: 2000,
    rate: 2,
    workers: 2,
    serviceAgents: 200,
    sampleSeconds: 10,
    warmupMinutes: undefined,
    threshold: 10,
  };
  const names = {
    '--minutes': 'minutes',
    '--agents': 'agents',
    '--rate': 'rate',
    '--workers': 'workers',
    '--warmup-minutes': 'warmupMinutes',
    '--service-agents': 'serviceAgents',
  };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key) throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(names).join(' ')})`);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${argv[i]} needs a positive number`);
    out[key] = value;
    i++;
  }
  out.warmupMinutes ??= Math.min(5, out.minutes * 0.2);
  out.serviceAgents = Math.min(out.serviceAgents, out.agents);
  return out;
}

const cfg = parseArgs(process.argv.slice(2));
const log = (msg) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const outDir = join(REPO_ROOT, 'bench', 'results', 'soak');
mkdirSync(outDir, { recursive: true });
const base = join(outDir, `soak-${cfg.agents}-${cfg.minutes}m`);

const server = await startOpstage({
  extraEnv: { OPSTAGE_METRICS_ENABLED: 'true', OPSTAGE_LOG_LEVEL: 'warn' },
  timeoutMs: 60_000,
});
const workers = [];
let exitCode = 0;
try {
  const db = openDb(server.databasePath);
  const agents = seedAgents(db, cfg.agents, 'soak');
  db.close();
  const api = new OpstageClient(server.origin, { connections: 4 });
  await api.login();
  const services = [];
  for (const a of agents.slice(0, cfg.serviceAgents)) services.push(await api.reportEchoService(a));
  log(
    `server pid ${server.pid} on ${server.origin}; ${agents.length} agents seeded, ${services.length} with an echo service`,
  );

  const workerStats = new Map();
  for (let w = 0; w < cfg.workers; w++) {
    const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => workerStats.set(w, m));
    const share = agents.flatMap((a, index) =>
      index % cfg.workers === w ? [{ index, agentId: a.agentId, agentToken: a.agentToken }] : [],
    );
    child.send({ type: 'start', origin: server.origin, agents: share, total: agents.length, intervalMs: 30_000 });
    workers.push(child);
  }
  const sumStats = () => {
    const s = {
      polls: 0,
      pollErrors: 0,
      heartbeats: 0,
      heartbeatErrors: 0,
      results: 0,
      resultErrors: 0,
      firstError: null,
    };
    for (const m of workerStats.values())
      for (const k of Object.keys(s)) s[k] = k === 'firstError' ? (s[k] ?? m[k]) : s[k] + (m[k] ?? 0);
    return s;
  };

  // The operator's command stream and the console's reads.
  let executed = 0;
  let executeErrors = 0;
  let firstExecuteError = null;
  let on = true;
  const stream = (async () => {
    while (on) {
      const serviceId = services[Math.floor(Math.random() * services.length)];
      api.adminPost(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: { n: executed } }).then(
        () => executed++,
        (error) => {
          executeErrors++;
          firstExecuteError ??= error.message;
        },
      );
      await sleep(1000 / cfg.rate);
    }
  })();
  const consoleReads = setInterval(() => {
    void api.adminGet('/api/admin/dashboard/summary', null).catch(() => undefined);
    void api.adminGet('/api/admin/agents?pageSize=50', null).catch(() => undefined);
  }, 10_000);

  const samples = [];
  const started = Date.now();
  const endAt = started + cfg.minutes * 60_000;
  const metric = (text, name) => {
    const m = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const fileMb = (path) => (existsSync(path) ? statSync(path).size / 1024 / 1024 : 0);
  while (Date.now() < endAt) {
    await sleep(cfg.sampleSeconds * 1000 - ((Date.now() - started) % (cfg.sampleSeconds * 1000)));
    if (!server.alive()) throw new Error(`server exited: ${server.output().slice(-2000)}`);
    const metrics = await (await fetch(`${server.origin}/metrics`)).text();
    const s = sumStats();
    const sample = {
      t: Math.round((Date.now() - started) / 1000),
      rssMb: round(rssMb(server.pid), 1),
      heapUsedMb: round((metric(metrics, 'opstage_nodejs_heap_size_used_bytes') ?? 0) / 1024 / 1024, 1),
      heapTotalMb: round((metric(metrics, 'opstage_nodejs_heap_size_total_bytes') ?? 0) / 1024 / 1024, 1),
      handles: metric(metrics, 'opstage_nodejs_active_handles_total'),
      fds: readdirSync(`/proc/${server.pid}/fd`).length,
      dbMb: round(fileMb(server.databasePath), 2),
      walMb: round(fileMb(`${server.databasePath}-wal`), 2),
      loopLagP99Ms: round((metric(metrics, 'opstage_nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000, 1),
      commandsExecuted: executed,
      resultsReported: s.results,
      heartbeats: s.heartbeats,
      errors: s.pollErrors + s.heartbeatErrors + s.resultErrors + executeErrors,
    };
    samples.push(sample);
    if (samples.length % 6 === 0)
      log(
        `t=${sample.t}s rss ${sample.rssMb} MB heap ${sample.heapUsedMb} MB handles ${sample.handles} fds ${sample.fds} db ${sample.dbMb} MB wal ${sample.walMb} MB commands ${executed} errors ${sample.errors}`,
      );
  }
  on = false;
  await stream;
  clearInterval(consoleReads);
  const final = sumStats();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.once('exit', resolve);
          w.send({ type: 'stop' });
          setTimeout(() => w.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await api.close();

  const verdict = judge(samples, cfg);
  const summary = {
    at: new Date().toISOString(),
    config: cfg,
    samples: samples.length,
    ...verdict,
    totals: { commandsExecuted: executed, executeErrors, firstExecuteError, ...final },
  };
  writeFileSync(`${base}.csv`, toCsv(samples));
  writeFileSync(`${base}.svg`, chart(samples, cfg, verdict));
  writeFileSync(`${base}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  log(
    `growth after ${cfg.warmupMinutes} min warm-up: ${Object.entries(verdict.growthPercent)
      .map(([k, v]) => `${k} ${v} %`)
      .join(
        ', ',
      )}; db +${verdict.db.growthMb} MB (${verdict.db.bytesPerCommand} bytes per command), WAL max ${verdict.walMaxMb} MB`,
  );
  log(
    `errors: polls ${final.pollErrors}, heartbeats ${final.heartbeatErrors}, results ${final.resultErrors}, executes ${executeErrors} ${final.firstError ?? firstExecuteError ?? ''}`,
  );
  log(`${verdict.pass ? 'PASS' : 'FAIL'}: ${base}.csv, .svg, .json`);
  if (!verdict.pass) exitCode = 1;
} catch (error) {
  log(`soak failed: ${error instanceof Error ? error.stack : String(error)}`);
  exitCode = 1;
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await server.stop();
}
process.exit(exitCode);

/** Growth of each figure from the first minute after warm-up to the last minute (medians). */
function judge(samples, cfg) {
  const warm = cfg.warmupMinutes * 60;
  const last = samples.at(-1)?.t ?? 0;
  const first = samples.filter((s) => s.t >= warm && s.t < warm + 60);
  const end = samples.filter((s) => s.t > last - 60);
  const growthPercent = {};
  let pass = first.length > 0 && end.length > 0;
  for (const key of ['rssMb', 'heapUsedMb', 'handles', 'fds']) {
    const a = median(first.map((s) => s[key]));
    const b = median(end.map((s) => s[key]));
    growthPercent[key] = a ? round(((b - a) / a) * 100, 1) : null;
    if (growthPercent[key] === null || growthPercent[key] >= cfg.threshold) pass = false;
  }
  const dbA = median(first.map((s) => s.dbMb)) ?? 0;
  const dbB = median(end.map((s) => s.dbMb)) ?? 0;
  const cmdA = median(first.map((s) => s.commandsExecuted)) ?? 0;
  const cmdB = median(end.map((s) => s.commandsExecuted)) ?? 0;
  const db = {
    startMb: dbA,
    endMb: dbB,
    growthMb: round(dbB - dbA, 2),
    bytesPerCommand: cmdB > cmdA ? Math.round(((dbB - dbA) * 1024 * 1024) / (cmdB - cmdA)) : null,
  };
  const walMaxMb = Math.max(...samples.map((s) => s.walMb));
  const peak = {
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
    heapUsedMb: Math.max(...samples.map((s) => s.heapUsedMb)),
  };
  return { pass, warmupSeconds: warm, growthPercent, threshold: cfg.threshold, db, walMaxMb, peak };
}

function toCsv(samples) {
  const keys = Object.keys(samples[0] ?? { t: 0 });
  return `${keys.join(',')}\n${samples.map((s) => keys.map((k) => s[k]).join(',')).join('\n')}\n`;
}

/** Four stacked line charts (RSS and heap, handles and descriptors, database and WAL, commands). */
function chart(samples, cfg, verdict) {
  const W = 900;
  const H = 170;
  const left = 60;
  const right = 20;
  const panels = [
    {
      title: 'Memory (MB)',
      series: [
        ['rssMb', '#1f77b4', 'RSS'],
        ['heapUsedMb', '#ff7f0e', 'heap used'],
      ],
    },
    {
      title: 'Handles',
      series: [
        ['handles', '#2ca02c', 'active handles'],
        ['fds', '#9467bd', 'open fds'],
      ],
    },
    {
      title: 'Database (MB)',
      series: [
        ['dbMb', '#8c564b', 'opstage.db'],
        ['walMb', '#e377c2', 'WAL'],
      ],
    },
    {
      title: 'Work (cumulative)',
      series: [
        ['commandsExecuted', '#17becf', 'commands'],
        ['errors', '#d62728', 'errors'],
      ],
    },
  ];
  const tMax = Math.max(1, samples.at(-1)?.t ?? 1);
  const x = (t) => left + ((W - left - right) * t) / tMax;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * panels.length + 66}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="16" font-size="14">Opstage soak: ${cfg.agents} agents, ${cfg.minutes} min, ${cfg.rate} commands/s — ${verdict.pass ? 'PASS' : 'FAIL'}</text>`,
    `<text x="${left}" y="32">growth after the ${cfg.warmupMinutes} min warm-up (dashed): ${Object.entries(
      verdict.growthPercent,
    )
      .map(([k, v]) => `${k} ${v} %`)
      .join(', ')}</text>`,
  ];
  panels.forEach((panel, i) => {
    const top = 56 + i * H;
    const bottom = top + H - 35;
    const values = panel.series.flatMap(([key]) => samples.map((s) => s[key] ?? 0));
    const max = Math.max(1, ...values) * 1.1;
    const y = (v) => bottom - ((bottom - top - 10) * v) / max;
    parts.push(`<text x="${left}" y="${top + 2}" font-weight="bold">${panel.title}</text>`);
    parts.push(
      `<line x1="${left}" y1="${bottom}" x2="${W - right}" y2="${bottom}" stroke="#999"/><line x1="${left}" y1="${top + 8}" x2="${left}" y2="${bottom}" stroke="#999"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${y(max / 1.1) + 4}" text-anchor="end">${round(max / 1.1, 1)}</text><text x="${left - 6}" y="${bottom + 4}" text-anchor="end">0</text>`,
    );
    for (let m = 0; m <= tMax / 60; m += Math.max(1, Math.ceil(tMax / 60 / 10)))
      parts.push(`<text x="${x(m * 60)}" y="${bottom + 14}" text-anchor="middle">${m} min</text>`);
    parts.push(
      `<line x1="${x(verdict.warmupSeconds)}" y1="${top + 8}" x2="${x(verdict.warmupSeconds)}" y2="${bottom}" stroke="#bbb" stroke-dasharray="4 3"/>`,
    );
    panel.series.forEach(([key, color, label], k) => {
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${samples.map((s) => `${round(x(s.t), 1)},${round(y(s[key] ?? 0), 1)}`).join(' ')}"/>`,
      );
      parts.push(`<text x="${W - right - 170 + k * 90}" y="${top + 2}" fill="${color}">${label}</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
