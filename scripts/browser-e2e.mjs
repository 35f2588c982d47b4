#!/usr/bin/env node
// Browser end-to-end suites: for each admin-ui/e2e/*.e2e.mjs, a fresh real backend + real demo agent
// and the built console in headless Chromium. A suite's second line may declare the server's extra
// environment: `// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"true"}`. Ends with one line
// `console-e2e: N passed, N failed` over all suites. `node scripts/browser-e2e.mjs name` runs the
// suites whose file name contains `name`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startStack } from './lib/stack.mjs';

const viewer = { username: 'viewer', password: 'viewer-password-123' };
const operator = { username: 'operator', password: 'operator-password-123' };
const dir = join(root, 'admin-ui', 'e2e');
const filter = process.argv[2];
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.mjs') && (!filter || f.includes(filter)))
  .sort();

function suiteEnv(file) {
  const line = readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('// e2e-env:'));
  return line ? JSON.parse(line.slice('// e2e-env:'.length)) : {};
}

async function runSuite(file) {
  let stack;
  try {
    stack = await startStack({
      env: suiteEnv(file),
      log: (name, text) => (process.env.E2E_VERBOSE ? process.stdout.write(`[${name}] ${text}`) : undefined),
    });
    await stack.admin.call('POST', '/api/admin/users', { ...viewer, role: 'viewer', displayName: 'Viewer' });
    await stack.admin.call('POST', '/api/admin/users', { ...operator, role: 'operator', displayName: 'Operator' });
    return await new Promise((resolve) => {
      let out = '';
      const child = spawn(process.execPath, [join(dir, file)], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          E2E_BASE_URL: stack.baseUrl,
          E2E_OWNER_USER: stack.owner.username,
          E2E_OWNER_PASS: stack.owner.password,
          E2E_OPERATOR_USER: operator.username,
          E2E_OPERATOR_PASS: operator.password,
          E2E_VIEWER_USER: viewer.username,
          E2E_VIEWER_PASS: viewer.password,
          E2E_DEMO_PID: String(stack.demoPid ?? ''),
        },
      });
      child.stdout.on('data', (chunk) => {
        out += chunk.toString();
        process.stdout.write(chunk.toString().replace(/^console-e2e: /gm, `${file}: `));
      });
      child.on('exit', (c) => {
        const m = /console-e2e: (\d+) passed, (\d+) failed/.exec(out);
        const passed = m ? Number(m[1]) : 0;
        const failed = m ? Number(m[2]) : 0;
        resolve({ passed, failed: failed + (c !== 0 && failed === 0 ? 1 : 0) });
      });
    });
  } catch (error) {
    process.stderr.write(`${file}: setup failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return { passed: 0, failed: 1 };
  } finally {
    await stack?.stop();
  }
}

let passed = 0;
let failed = suites.length === 0 ? 1 : 0;
for (const file of suites) {
  process.stdout.write(`--- ${file}\n`);
  const r = await runSuite(file);
  passed += r.passed;
  failed += r.failed;
}
process.stdout.write(`console-e2e: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
