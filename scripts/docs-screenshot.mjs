#!/usr/bin/env node
// `npm run docs:screenshot`: the console screenshot in the README (docs/images/console.png), taken
// from the demo stack's dashboard in headless Chromium, after a few actions so it is not empty.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startStack } from './lib/stack.mjs';

const out = join(root, 'docs', 'images');
mkdirSync(out, { recursive: true });
const stack = await startStack();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const [service] = await stack.admin.call('GET', '/api/admin/capsule-services');
  for (const message of ['hello', 'from the docs'])
    await stack.admin.call('POST', `/api/admin/capsule-services/${service.id}/actions/echo`, { payload: { message } });
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${stack.baseUrl}/login`);
  await page.fill('[data-testid="login-username"]', stack.owner.username);
  await page.fill('[data-testid="login-password"]', stack.owner.password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="page-dashboard"]');
  // The echoes finish within milliseconds; reload so the dashboard counts them.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await page.reload();
  await page.waitForSelector('[data-testid="page-dashboard"]');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(out, 'console.png') });
  process.stdout.write(`wrote docs/images/console.png\n`);
} finally {
  await browser.close();
  await stack.stop();
}
