// Diagnostics: summarises a V8 `.cpuprofile` of the bundled server (bench/profile-hb.mjs --prof=dir):
// self time per function and per source package (from esbuild's `// path` section comments in
// main.bundle.js), and the total (inclusive) time under a few frames of the request pipeline.
// `node bench/profile-summary.mjs <file.cpuprofile> [dist dir, default dist] [top N, default 30] [--last=seconds]`
// (--last=N keeps only the samples of the last N seconds: the measured load, without start-up and set-up)
import { frameKey, loadProfile } from './lib/profile.mjs';

const lastArg = process.argv.find((a) => a.startsWith('--last='));
const [file, distArg = 'dist', topArg = '30'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: node bench/profile-summary.mjs <file.cpuprofile> [dist] [top]');
const { profile, byId, parent, packageOf } = loadProfile(file, distArg);
const top = Number(topArg);

const selfUs = new Map();
const deltas = profile.timeDeltas;
const from = lastArg ? profile.endTime - Number(lastArg.slice('--last='.length)) * 1e6 : -Infinity;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += deltas[i] ?? 0;
  if (at < from) continue;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs.entries()]
  .filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
  .reduce((a, [, v]) => a + v, 0);
const busy = total - idle;
const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`;

const fnSelf = new Map();
const pkgSelf = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  if (n.callFrame.functionName === '(idle)') continue;
  const pkg = packageOf(n);
  const key = frameKey(n, packageOf);
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
}
// Inclusive time of frames by name, counted once per sample even when recursive.
const WATCH = [
  'canActivate',
  'authenticate',
  'transform',
  'plainToInstance',
  'validate',
  'reply',
  'heartbeat',
  'poll',
  'handle',
  'jsonParser',
  'writeHead',
];
const inclusive = new Map(WATCH.map((w) => [w, 0]));
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const name = byId.get(cur).callFrame.functionName;
    if (inclusive.has(name) && !seen.has(name)) {
      seen.add(name);
      inclusive.set(name, inclusive.get(name) + us);
    }
  }
}
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
const out = [];
out.push(
  `Profile ${file}: ${(total / 1e6).toFixed(2)} s sampled, busy ${(busy / 1e6).toFixed(2)} s (idle ${pct(idle)} of busy)`,
);
out.push('', '| Self time by package | share of busy |', '| --- | --- |');
for (const [k, v] of sorted(pkgSelf).slice(0, 20)) out.push(`| ${k} | ${pct(v)} |`);
out.push('', `| Top ${top} functions by self time | share of busy |`, '| --- | --- |');
for (const [k, v] of sorted(fnSelf).slice(0, top)) out.push(`| \`${k.replace(/\|/g, '\\|')}\` | ${pct(v)} |`);
out.push('', '| Inclusive time under frames named | share of busy |', '| --- | --- |');
for (const [k, v] of sorted(inclusive)) out.push(`| ${k} | ${pct(v)} |`);
process.stdout.write(`${out.join('\n')}\n`);
