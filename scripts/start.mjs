#!/usr/bin/env node
// `npm start`: build only when the build is missing, create .env on a first start without
// configuration, then run the server in THIS process (no detached children; SIGTERM reaches it).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join(root, 'dist', 'src', 'launch.js');
const consoleIndex = join(root, 'admin-ui', 'dist', 'admin-ui', 'browser', 'index.html');
const buildComplete = () => existsSync(serverEntry) && existsSync(consoleIndex);

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One build at a time per checkout: concurrent `npm start`s wait for the first one's build. */
function buildIfMissing() {
  if (buildComplete()) return;
  const lock = join(root, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (buildComplete()) return;
      sleep(500);
    }
  }
  try {
    if (buildComplete()) return;
    process.stdout.write('No build found: running `npm run build` once (about a minute)...\n');
    const result = spawnSync('npm', ['run', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
    });
    if (result.status !== 0) {
      process.stderr.write('Build failed; see the output above.\n');
      process.exit(result.status ?? 1);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** First start without configuration: write .env (0600) with a fresh secret and admin password. */
function ensureEnvFile() {
  const envFile = join(process.cwd(), '.env');
  if (existsSync(envFile) || process.env.OPSTAGE_SESSION_SECRET) return;
  const secret = randomBytes(48).toString('base64url');
  const password = randomBytes(18).toString('base64url');
  const template = readFileSync(join(root, '.env.example'), 'utf8');
  const content = template
    .replace(/^OPSTAGE_SESSION_SECRET=.*$/m, `OPSTAGE_SESSION_SECRET=${secret}`)
    .replace(/^OPSTAGE_ADMIN_PASSWORD=.*$/m, `OPSTAGE_ADMIN_PASSWORD=${password}`);
  try {
    writeFileSync(envFile, content, { mode: 0o600, flag: 'wx' });
  } catch {
    return; // another `npm start` in this directory created it first
  }
  const username = /^OPSTAGE_ADMIN_USERNAME=(.*)$/m.exec(content)?.[1] ?? 'admin';
  process.stdout.write(
    `\nCreated ${envFile} with a generated session secret and admin password (mode 0600).\n` +
      `  Admin username: ${username}\n  Admin password: ${password}\n` +
      'This password is shown once; it is also in .env until you remove it from there.\n\n',
  );
}

buildIfMissing();
ensureEnvFile();
createRequire(import.meta.url)(serverEntry);
