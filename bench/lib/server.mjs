// Starts and stops processes under test: the built Opstage server and the baseline servers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { nowMs, sleep } from './stats.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// OPSTAGE_BENCH_DIST points at another build (A/B comparisons by bench/profile-hb.mjs).
export const SERVER_ENTRY = join(
  process.env.OPSTAGE_BENCH_DIST ? resolve(process.env.OPSTAGE_BENCH_DIST) : join(REPO_ROOT, 'dist'),
  'src',
  'launch.js',
);
/** Every process we spawned, so an abort never leaves a server behind (killed by pid only). */
const children = new Set();
export function killAllChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', killAllChildren);
const track = (child) => {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};

export const ADMIN = { username: 'bench-admin', password: 'bench-password-123456' };

/** A free loopback port (bound then released; the race is acceptable for a benchmark). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

export function makeDataDir() {
  return mkdtempSync(join(tmpdir(), 'opstage-bench-'));
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** User+system CPU time consumed so far by a process, in ms (Linux /proc, 100 Hz ticks). */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export function openFds(pid) {
  try {
    const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    const m = /Max open files\s+(\d+)\s+(\d+)/.exec(limits);
    return m ? { soft: Number(m[1]), hard: Number(m[2]) } : null;
  } catch {
    return null;
  }
}

/**
 * The V8 heap cap production runs with (`npm start` in package.json, NODE_OPTIONS in the
 * Dockerfile): the server is measured as it is deployed.
 */
export const PRODUCTION_NODE_ARGS = ['--max-old-space-size=768'];

/**
 * Spawns `node dist/src/launch.js` (the production entry) on 127.0.0.1 with a temp data dir, and resolves once
 * GET /api/system/health answers 200. `startedAt`/`healthyAt` (performance.now ms) give the cold start.
 */
export async function startOpstage({ dataDir = makeDataDir(), extraEnv = {}, nodeArgs = [], timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_PORT: String(port),
    OPSTAGE_DATA_DIR: dataDir,
    OPSTAGE_SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghijkl',
    OPSTAGE_ADMIN_USERNAME: ADMIN.username,
    OPSTAGE_ADMIN_PASSWORD: ADMIN.password,
    OPSTAGE_LOG_LEVEL: 'warn',
    OPSTAGE_COOKIE_SECURE: 'false',
    ...extraEnv,
  };
  const startedAt = nowMs();
  // cwd is the data dir so no repository .env file leaks into the measured configuration.
  const child = track(
    spawn(process.execPath, [...PRODUCTION_NODE_ARGS, ...nodeArgs, SERVER_ENTRY], {
      cwd: dataDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  // With --trace-gc the server prints one line per GC; keep the pause statistics, not the lines.
  const gc = { count: 0, markCompacts: 0, maxPauseMs: 0, totalPauseMs: 0, markCompactLines: [] };
  const keep = (chunk) => {
    const text = chunk.toString();
    for (const m of text.matchAll(/(Scavenge|Mark-Compact|Mark-sweep)[^\n]*?MB, ([\d.]+) \/ [\d.]+ ms[^\n]*/g)) {
      const pause = Number(m[2]);
      gc.count++;
      if (m[1] !== 'Scavenge') {
        gc.markCompacts++;
        if (gc.markCompactLines.length < 50) gc.markCompactLines.push(m[0].slice(0, 300));
      }
      gc.totalPauseMs += pause;
      if (pause > gc.maxPauseMs) gc.maxPauseMs = pause;
    }
    output += text;
    if (output.length > 20_000) output = output.slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  const origin = `http://127.0.0.1:${port}`;
  let healthyAt = null;
  while (nowMs() - startedAt < timeoutMs) {
    if (exited) throw new Error(`server exited during start (${JSON.stringify(exited)}): ${output.slice(-2000)}`);
    try {
      const res = await request(`${origin}/api/system/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode === 200) {
        healthyAt = nowMs();
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  if (healthyAt === null) {
    child.kill('SIGKILL');
    throw new Error(`server not healthy within ${timeoutMs} ms: ${output.slice(-2000)}`);
  }
  return {
    origin,
    port,
    pid: child.pid,
    dataDir,
    databasePath: join(dataDir, 'opstage.db'),
    coldStartMs: healthyAt - startedAt,
    output: () => output,
    gcStats: () => ({ ...gc, totalPauseMs: Math.round(gc.totalPauseMs) }),
    rssMb: () => rssMb(child.pid),
    alive: () => exited === null,
    async stop({ removeData = true } = {}) {
      if (exited === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
        await done;
        clearTimeout(timer);
      }
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Spawns bench/baseline-server.mjs <kind> and waits for its "listening <port>" line. */
export async function startBaseline(kind) {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [join(REPO_ROOT, 'bench', 'baseline-server.mjs'), kind, String(port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline ${kind} did not start: ${output}`)), 15_000);
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline ${kind} exited ${code}: ${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    rssMb: () => rssMb(child.pid),
    async stop() {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
