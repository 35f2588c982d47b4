#!/usr/bin/env node
// `npm run demo`: a backend plus the SDK's demo Capsule Service, ready to drive from the console.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoEntry, root, startStack } from './lib/stack.mjs';

if (!existsSync(join(root, 'dist', 'src', 'main.js')) || !existsSync(demoEntry)) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const stack = await startStack({ log: (name, text) => process.stdout.write(`[${name}] ${text}`) });
process.stdout.write(
  `\nOpstage CE demo is running.\n  Console: ${stack.baseUrl}/\n  Login:   ${stack.owner.username} / ${stack.owner.password}\n` +
    `  Data:    ${stack.dataDir} (temporary)\nThe demo-service agent is online with its actions. Press Ctrl-C to stop.\n\n`,
);
const shutdown = () => void stack.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
