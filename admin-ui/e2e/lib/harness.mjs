// Shared harness for the console's browser suites (admin-ui/e2e/*.e2e.mjs): environment, Chromium
// launch, scenario bookkeeping, error watching, screenshots and the navigation helpers.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const OWNER = {
  username: process.env.E2E_OWNER_USER ?? 'admin',
  password: process.env.E2E_OWNER_PASS ?? '',
};
export const VIEWER = {
  username: process.env.E2E_VIEWER_USER ?? 'viewer',
  password: process.env.E2E_VIEWER_PASS ?? '',
};
export const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 20_000);
mkdirSync(SHOTS, { recursive: true });

export const results = [];
export const log = (line) => process.stdout.write(`${line}\n`);
export const tid = (id) => `[data-testid="${id}"]`;
export const status = (testId, value) => `${tid(testId)} [data-status="${value}"]`;

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Collects page errors and console errors. HTTP 4xx are answers the UI handles (401, 404 bus probe…); 5xx are failures. */
export function watch(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const http = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (http && Number(http[1]) < 500) return;
    errors.push(`console.error: ${text}`);
  });
  return errors;
}

/** Takes out the console errors a scenario expects (e.g. a deliberate 504); at least one must be there. */
export function expectConsoleErrors(errors, pattern) {
  const matching = errors.filter((e) => pattern.test(e));
  assert(matching.length > 0, `expected a console error matching ${pattern}`);
  for (const e of matching) errors.splice(errors.indexOf(e), 1);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** `E2E_ONLY=<regex>` runs only the matching scenarios (development; the others are not counted). */
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;

export async function scenario(name, page, errors, fn) {
  if (only && !only.test(name)) return;
  const before = errors.length;
  const started = Date.now();
  try {
    await fn();
    const fresh = errors.slice(before);
    if (fresh.length) throw new Error(`browser errors:\n  ${fresh.join('\n  ')}`);
    results.push({ name, ok: true });
    log(`ok   - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    log(`FAIL - ${name}: ${error instanceof Error ? error.message : String(error)}`);
    await shot(page, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(
      () => undefined,
    );
  }
}

export async function login(page, user) {
  await page.goto(`${BASE}/login`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(tid('login-username'));
  await page.fill(tid('login-username'), user.username);
  await page.fill(tid('login-password'), user.password);
  await page.click(tid('login-submit'));
  await page.waitForSelector(tid('page-dashboard'));
}

/** A 1440×900 English context with a logged-in page and its error watch (the usual start of a suite). */
export async function ownerPage(browser, user = OWNER) {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = watch(page);
  await login(page, user);
  return { context, page, errors };
}

export async function nav(page, id, pageTestId) {
  await page.click(tid(`nav-${id}`));
  await page.waitForSelector(tid(pageTestId));
}

export async function openService(page) {
  await nav(page, 'services', 'page-services');
  await page.click(tid('service-row-demo-service'));
  await page.waitForSelector(tid('service-tabs'));
}

export async function openTab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** Opens an action from the Actions tab and waits until prepare has built the form. */
export async function openAction(page, action) {
  await page.click(tid(`action-${action}`));
  await page.waitForSelector(tid('action-dialog'));
  await page.waitForSelector(`${tid('action-form')}`, { timeout: 35_000 });
}

export async function runAndWait(page, terminal) {
  await page.click(tid('action-run'));
  await page.waitForSelector(status('action-command-status', terminal), { timeout: 40_000 });
}

export async function closeDialog(page) {
  await page.click(tid('action-close'));
  await page.waitForSelector(tid('action-dialog'), { state: 'detached' });
}

/** Debian Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Every context prefers reduced motion, so Material opens dialogs without their animation and focuses the first
  // field at once. With the animation, that deferred focus could arrive after a fill had started in another field,
  // and the typed text went there (walks failed now and then with the text in the dialog's first field).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
}

/** Prints the suite's summary line (`console-e2e: N passed, N failed`) and exits with its outcome. */
export function finish() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`console-e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
