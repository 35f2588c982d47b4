#!/usr/bin/env node
// Browser end-to-end suite: real backend + real demo agent + the built console in headless Chromium.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, startStack } from './lib/stack.mjs';

const viewer = { username: 'viewer', password: 'viewer-password-123' };
let stack;
let code = 1;
try {
  stack = await startStack({
    // The console suite covers the Capsule Bus page, which only exists while the flag is on.
    env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' },
    log: (name, text) => (process.env.E2E_VERBOSE ? process.stdout.write(`[${name}] ${text}`) : undefined),
  });
  await stack.admin.call('POST', '/api/admin/users', { ...viewer, role: 'viewer', displayName: 'Viewer' });
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'admin-ui', 'e2e', 'console.e2e.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: stack.baseUrl,
        E2E_OWNER_USER: stack.owner.username,
        E2E_OWNER_PASS: stack.owner.password,
        E2E_VIEWER_USER: viewer.username,
        E2E_VIEWER_PASS: viewer.password,
      },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} catch (error) {
  process.stderr.write(`browser e2e setup failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.stdout.write('console-e2e: 0 passed, 1 failed\n');
} finally {
  await stack?.stop();
}
process.exit(code);
