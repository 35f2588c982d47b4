// Diagnostics: summarises a V8 `.cpuprofile` of the bundled server (bench/profile-hb.mjs --prof=dir):
// self time per function and per source package (from esbuild's `// path` section comments in
// main.bundle.js), and the total (inclusive) time under a few frames of the request pipeline.
// `node bench/profile-summary.mjs <file.cpuprofile> [dist dir, default dist] [top N, default 30] [--last=seconds]`
// (--last=N keeps only the samples of the last N seconds: the measured load, without start-up and set-up)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const lastArg = process.argv.find((a) => a.startsWith('--last='));
const [file, distArg = 'dist', topArg = '30'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: node bench/profile-summary.mjs <file.cpuprofile> [dist] [top]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const bundlePath = resolve(join(distArg, 'src', 'main.bundle.js'));
const top = Number(topArg);

// esbuild marks each input file with a `// <path>` line; a line number maps to the last marker above it.
const sections = [];
{
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|dist)\/\S+)$/.exec(line);
    if (m) sections.push({ line: i, path: m[1] });
  });
}
function sectionOf(lineNumber) {
  let lo = 0;
  let hi = sections.length - 1;
  let found = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].line <= lineNumber) {
      found = sections[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found?.path ?? '(bundle prelude)';
}
function packageOf(node) {
  const { url, functionName, lineNumber } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8 builtins)';
  if (url.endsWith('main.bundle.js')) {
    const path = sectionOf(lineNumber);
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    return m ? m[1] : path.replace(/^dist\/src\/([^/]+).*$/, 'opstage:$1');
  }
  if (url.startsWith('node:')) return 'node:core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return m ? m[1] : url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
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
  const key = `${n.callFrame.functionName || '(anonymous)'}  [${pkg}:${n.callFrame.lineNumber + 1}]`;
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
