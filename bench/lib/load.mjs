// Closed-loop load generator: N concurrent loops over one keep-alive undici Pool, bounded by
// both a duration and a request count, so a slow or broken server can never hang the run.
import { Pool } from 'undici';
import { cpuMs } from './server.mjs';
import { nowMs, round, summarize } from './stats.mjs';

/**
 * @param {object} o
 * @param {string} o.origin           http://127.0.0.1:port (loopback only)
 * @param {number} o.concurrency      concurrent request loops (= pool connections)
 * @param {number} o.durationMs       measuring window
 * @param {number} [o.warmupMs]       unmeasured warm-up before the window
 * @param {number} [o.maxRequests]    hard cap on requests (measured + warm-up)
 * @param {(i:number, loop:number) => object} o.request  undici request options (method, path, headers, body)
 * @param {number} [o.serverPid]      when given, the server's CPU time per request is reported
 * @param {() => boolean} [o.stopWhen] ends the run early once it returns true
 */
export async function runLoad(o) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(o.origin)) throw new Error(`refusing non-loopback origin ${o.origin}`);
  const pool = new Pool(o.origin, { connections: o.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const maxRequests = o.maxRequests ?? 2_000_000;
  const warmupMs = o.warmupMs ?? 0;
  const latencies = [];
  const statuses = {};
  let sent = 0;
  let errors = 0;
  let firstError = null;
  const start = nowMs();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + o.durationMs;
  let measured = 0;
  let cpuAtWindowStart = null;
  let sentAtWindowStart = null;
  const cpuTimer = o.serverPid
    ? setTimeout(() => {
        cpuAtWindowStart = cpuMs(o.serverPid);
        sentAtWindowStart = sent;
      }, warmupMs)
    : null;

  const loop = async (loopIndex) => {
    while (sent < maxRequests) {
      const t0 = nowMs();
      if (t0 >= stopAt || (o.stopWhen && o.stopWhen())) return;
      const i = sent++;
      try {
        const res = await pool.request(o.request(i, loopIndex));
        await res.body.dump();
        const t1 = nowMs();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 400) {
          errors++;
          firstError ??= `HTTP ${res.statusCode}`;
        }
        if (t0 >= measureFrom && t1 <= stopAt) {
          latencies.push(t1 - t0);
          measured++;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error?.message ?? error);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, k) => loop(k)));
  const windowMs = Math.max(1, Math.min(nowMs(), stopAt) - measureFrom);
  if (cpuTimer) clearTimeout(cpuTimer);
  const cpuEnd = o.serverPid ? cpuMs(o.serverPid) : null;
  const serverCpuUsPerRequest =
    cpuAtWindowStart !== null && cpuEnd !== null && sent > sentAtWindowStart
      ? round(((cpuEnd - cpuAtWindowStart) * 1000) / (sent - sentAtWindowStart), 0)
      : null;
  const serverCpuPercent =
    cpuAtWindowStart !== null && cpuEnd !== null ? round((100 * (cpuEnd - cpuAtWindowStart)) / windowMs, 0) : null;
  await pool.close();
  const lat = summarize(latencies);
  return {
    requests: measured,
    totalSent: sent,
    errors,
    firstError,
    statuses,
    windowMs: round(windowMs, 0),
    rps: round(measured / (windowMs / 1000), 0),
    p50: lat.p50,
    p95: lat.p95,
    p99: lat.p99,
    max: lat.max,
    serverCpuUsPerRequest,
    serverCpuPercent,
  };
}
