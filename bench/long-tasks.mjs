// Diagnostics: finds the long event-loop tasks in a V8 `.cpuprofile` of the bundled server (the fleet
// server's, from `npm run bench -- --only=fleet --cpu-prof=dir`): stretches of consecutive busy samples longer
// than a threshold. A heartbeat that arrives during one waits for all of it, so these are the fleet's tail.
// `node bench/long-tasks.mjs <file.cpuprofile> [dist dir, default dist] [--min-ms=50] [--top=25]`
import { frameKey, loadProfile } from './lib/profile.mjs';

const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
};
const [file, distArg = 'dist'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: node bench/long-tasks.mjs <file.cpuprofile> [dist] [--min-ms=50] [--top=25]');
const minUs = option('min-ms', 50) * 1000;
const top = option('top', 25);
const { profile, byId, parent, packageOf } = loadProfile(file, distArg);

// Split the samples into tasks at every idle sample.
const tasks = [];
let current = null;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  const id = profile.samples[i];
  if (byId.get(id).callFrame.functionName === '(idle)') {
    if (current && current.us >= minUs) tasks.push(current);
    current = null;
    continue;
  }
  current ??= { startUs: at - profile.startTime, us: 0, samples: [] };
  current.us += delta;
  current.samples.push([id, delta]);
}
if (current && current.us >= minUs) tasks.push(current);

/** Inclusive time per frame over `samples`, each frame counted once per sample even when recursive. */
function inclusive(samples) {
  const out = new Map();
  for (const [id, us] of samples) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (node.callFrame.functionName === '(root)') continue;
      const key = frameKey(node, packageOf);
      if (seen.has(key)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + us);
    }
  }
  return out;
}
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
const ms = (us) => (us / 1000).toFixed(1);
const totalUs = tasks.reduce((n, t) => n + t.us, 0);
const spanS = (profile.endTime - profile.startTime) / 1e6;
const out = [
  `Profile ${file}: ${spanS.toFixed(1)} s; ${tasks.length} tasks of at least ${ms(minUs)} ms, ${ms(totalUs)} ms in all`,
  '',
  '| Task start (s) | Length (ms) | Heaviest frames (inclusive ms) |',
  '| --- | --- | --- |',
];
for (const t of [...tasks].sort((a, b) => b.us - a.us).slice(0, top)) {
  const frames = sorted(inclusive(t.samples))
    .filter(([k]) => !k.startsWith('(program)'))
    .slice(0, 6)
    .map(([k, v]) => `\`${k.replace(/\|/g, '\\|')}\` ${ms(v)}`)
    .join('; ');
  out.push(`| ${(t.startUs / 1e6).toFixed(1)} | ${ms(t.us)} | ${frames} |`);
}
out.push('', `| Top ${top} frames over all long tasks (inclusive) | ms | share |`, '| --- | --- | --- |');
for (const [k, v] of sorted(inclusive(tasks.flatMap((t) => t.samples))).slice(0, top))
  out.push(`| \`${k.replace(/\|/g, '\\|')}\` | ${ms(v)} | ${((100 * v) / totalUs).toFixed(1)}% |`);
process.stdout.write(`${out.join('\n')}\n`);
