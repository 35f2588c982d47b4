// Diagnostics (not part of `npm run bench`): cold start to healthy of two or more builds in alternating runs,
// wall time and the server's CPU time at healthy (less sensitive to machine load), each with an existing database (started once first, so its code cache exists) and an empty data dir.
// `node bench/ab-start.mjs <dist A> <dist B> [more dists...] [runs, default 5]`
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const runsArg = /^\d+$/.test(args.at(-1) ?? '') ? args.pop() : '5';
const dists = args;
if (dists.length < 2) throw new Error('usage: node bench/ab-start.mjs <dist A> <dist B> [more dists...] [runs]');
const servers = [];
for (const [i, dist] of dists.entries()) {
  process.env.OPSTAGE_BENCH_DIST = resolve(dist);
  // A module instance per build: SERVER_ENTRY is read from the environment when the module loads.
  servers.push(await import(`./lib/server.mjs?build=${i}`));
}
delete process.env.OPSTAGE_BENCH_DIST;
const dirs = servers.map((s) => s.makeDataDir());
try {
  for (const [i, s] of servers.entries()) {
    const first = await s.startOpstage({ dataDir: dirs[i] });
    await new Promise((r) => setTimeout(r, 7000));
    await first.stop({ removeData: false });
  }
  const out = servers.map(() => ({ existing: [], empty: [], existingCpu: [], emptyCpu: [] }));
  for (let k = 0; k < Number(runsArg); k++) {
    for (const [i, s] of servers.entries()) {
      const a = await s.startOpstage({ dataDir: dirs[i] });
      out[i].existing.push(Math.round(a.coldStartMs));
      out[i].existingCpu.push(Math.round(s.cpuMs(a.pid)));
      await a.stop({ removeData: false });
      const b = await s.startOpstage();
      out[i].empty.push(Math.round(b.coldStartMs));
      out[i].emptyCpu.push(Math.round(s.cpuMs(b.pid)));
      await b.stop();
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const [i, dist] of dists.entries())
    console.log(
      `${dist}: existing DB median ${median(out[i].existing)} ms (${out[i].existing.join(', ')}); empty data dir median ${median(out[i].empty)} ms (${out[i].empty.join(', ')}); server CPU to healthy, medians: existing ${median(out[i].existingCpu)} ms, empty ${median(out[i].emptyCpu)} ms`,
    );
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
