// Diagnostics (not part of `npm run bench`): a V8 CPU profile of one cold start to healthy.
// `node bench/profile-start.mjs --prof=dir [--empty]`: with an existing database (made and started once
// first, so the code cache exists, as in the cold-start scenario), or with --empty an empty data dir.
import { rmSync } from 'node:fs';
import { makeDataDir, startOpstage } from './lib/server.mjs';

const profDir = process.argv.find((a) => a.startsWith('--prof='))?.slice('--prof='.length);
if (!profDir) throw new Error('usage: node bench/profile-start.mjs --prof=dir [--empty]');
const empty = process.argv.includes('--empty');
const dataDir = makeDataDir();
try {
  const first = await startOpstage({ dataDir });
  await new Promise((r) => setTimeout(r, 7000));
  await first.stop({ removeData: false });
  const server = await startOpstage({
    dataDir: empty ? makeDataDir() : dataDir,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  });
  console.log(`${empty ? 'empty data dir' : 'existing database'}: healthy after ${Math.round(server.coldStartMs)} ms`);
  await server.stop();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
