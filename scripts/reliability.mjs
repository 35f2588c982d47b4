#!/usr/bin/env node
// `npm run reliability [-- --long] [-- <jest filter>]`: the fault-injection suites of
// test/reliability/ (docs/operations.md, Reliability). Without --long they run in the short form
// `npm test` also runs; --long sets OPSTAGE_RELIABILITY=long (more agents, 20 kills, a 2-minute
// outage...). Needs `npm run build` first: the suites start dist/src/launch.js as a real process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const long = args.includes('--long');
const filters = args.filter((a) => a !== '--long');
if (!existsSync(join(root, 'dist', 'src', 'main.js'))) {
  process.stderr.write('dist/src/launch.js is missing: run `npm run build` first.\n');
  process.exit(1);
}
const env = { ...process.env, OPSTAGE_RELIABILITY: long ? 'long' : 'short' };
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const child = spawn(
  process.execPath,
  [jest, '--selectProjects', 'e2e', '--runInBand', ...(filters.length > 0 ? filters : ['test/reliability/'])],
  { cwd: root, env, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
