#!/usr/bin/env node
// e2e-env: {"OPSTAGE_HEARTBEAT_INTERVAL_SECONDS":"2","OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS":"10","OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS":"1"}
// Notifications page (docs/notifications.md) against the real backend: an owner creates a webhook
// channel pointing at an HTTP receiver this walk starts (a refused link-local target first: the
// server 422 lands on the URL field), sends a test (the receiver gets it signed,
// the page shows ok), edits the channel keeping the masked secret, creates a rule with events,
// channels and a label pair; a viewer sees it all read-only. Last, the demo agent is paused: its
// offline alert reaches the receiver and shows as firing, and its recovery follows when it resumes.
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import {
  BASE,
  VIEWER,
  assert,
  finish,
  launchBrowser,
  log,
  nav,
  ownerPage,
  results,
  scenario,
  shot,
  tid,
  login,
  watch,
  TIMEOUT,
} from './lib/harness.mjs';

const SECRET = 'walk-signing-secret-1';
const CHANNEL = 'walk hook';
const RULE = 'walk rule';

/** A local webhook receiver: every request it got, with its raw body. */
function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/hooks/opstage`, received, server });
    }),
  );
}

/** The receiver got one more request within the timeout; returns it. */
async function nextDelivery(receiver, before) {
  const deadline = Date.now() + TIMEOUT;
  while (receiver.received.length <= before) {
    if (Date.now() > deadline) throw new Error('the receiver got nothing');
    await new Promise((r) => setTimeout(r, 100));
  }
  return receiver.received[before];
}

/** The first request after `from` whose JSON body matches; waits up to a minute (heartbeats, evaluation). */
async function waitForMessage(receiver, from, match) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = receiver.received.slice(from).find((r) => {
      try {
        return match(JSON.parse(r.body));
      } catch {
        return false;
      }
    });
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the receiver got no matching message');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const demoPid = Number(process.env.E2E_DEMO_PID);
/** Pauses or resumes the demo agent the harness started (its heartbeats stop while paused). */
function signalDemo(signal) {
  assert(Number.isInteger(demoPid) && demoPid > 0, 'E2E_DEMO_PID is set');
  process.kill(demoPid, signal);
}

function assertSigned(request) {
  const expected = `sha256=${createHmac('sha256', SECRET).update(request.body, 'utf8').digest('hex')}`;
  const got = request.headers['x-opstage-signature'];
  assert(got === expected, `signature ${got} is not the HMAC of the body with the stored secret`);
}

/** Chooses options of a mat-select (the overlay lies outside the dialog), then closes it. */
async function choose(page, selectTestId, optionTestIds) {
  await page.click(tid(selectTestId));
  for (const option of optionTestIds) await page.click(tid(option));
  await page.keyboard.press('Escape');
  await page.waitForSelector('.cdk-overlay-pane mat-option', { state: 'detached' });
}

const channelRow = `tr[data-name="${CHANNEL}"]`;
let receiver;
let browser;
try {
  receiver = await startReceiver();
  browser = await launchBrowser();
  const { page, errors } = await ownerPage(browser);

  await scenario('owner opens Notifications from the navigation', page, errors, async () => {
    await nav(page, 'notifications', 'page-notifications');
    await page.waitForSelector(tid('channels-tab'));
    await page.waitForSelector(tid('empty-state'));
  });

  await scenario(
    'a refused target: the server 422 shows next to the URL field',
    page,
    errors,
    async () => {
      await page.click(tid('channel-create'));
      await page.waitForSelector(tid('channel-dialog'));
      await page.fill(tid('channel-name'), CHANNEL);
      await page.fill(tid('channel-url'), 'http://169.254.169.254/latest/meta-data');
      await page.click(tid('channel-submit'));
      const urlField = page.locator('mat-form-field', { has: page.locator(tid('channel-url')) });
      await urlField.locator('mat-error', { hasText: 'link-local' }).waitFor();
      await page.waitForSelector(tid('channel-dialog'));
    },
  );

  await scenario(
    'owner creates a webhook channel with a signing secret',
    page,
    errors,
    async () => {
      await page.fill(tid('channel-url'), receiver.url);
      await page.fill(tid('channel-secret'), SECRET);
      await page.click(tid('channel-submit'));
      await page.waitForSelector(tid('channel-dialog'), { state: 'detached' });
      await page.waitForSelector(`${channelRow} [data-status="untested"]`);
    },
  );

  await scenario(
    'send test: the receiver gets it signed and the page shows ok',
    page,
    errors,
    async () => {
      const before = receiver.received.length;
      await page.click(`${channelRow} ${tid('channel-test')}`);
      await page.waitForSelector(`${channelRow} ${tid('channel-test-result')}[data-ok="true"]`);
      const request = await nextDelivery(receiver, before);
      assert(request.method === 'POST', `receiver got ${request.method}`);
      assertSigned(request);
      await page.waitForSelector(`${channelRow} [data-status="ok"]`);
      await shot(page, 'notifications-channel-tested');
    },
  );

  await scenario(
    'editing keeps the masked secret: the next test is signed the same way',
    page,
    errors,
    async () => {
      await page.click(`${channelRow} ${tid('channel-edit')}`);
      await page.waitForSelector(tid('channel-dialog'));
      const masked = await page.inputValue(tid('channel-secret'));
      assert(masked === '********', `the secret comes back masked, got ${masked}`);
      assert(!(await page.content()).includes(SECRET), 'the secret never reaches the page');
      await page.click(tid('channel-submit'));
      await page.waitForSelector(tid('channel-dialog'), { state: 'detached' });
      const before = receiver.received.length;
      await page.click(`${channelRow} ${tid('channel-test')}`);
      assertSigned(await nextDelivery(receiver, before));
    },
  );

  await scenario(
    'owner creates a rule: events, the channel and a label pair',
    page,
    errors,
    async () => {
      await page.getByRole('tab', { name: 'Rules', exact: true }).click();
      await page.click(tid('rule-create'));
      await page.waitForSelector(tid('rule-dialog'));
      await page.fill(tid('rule-name'), RULE);
      await choose(page, 'rule-events', ['rule-event-agent.offline', 'rule-event-command.failed']);
      // Channel options are keyed by the channel's id; the walk knows only its name.
      await page.click(tid('rule-channels'));
      await page.getByRole('option', { name: new RegExp(CHANNEL) }).click();
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cdk-overlay-pane mat-option', { state: 'detached' });
      await page.click(tid('rule-label-add'));
      await page.fill(`${tid('rule-label-0')} ${tid('rule-label-key')}`, 'env');
      await page.fill(`${tid('rule-label-0')} ${tid('rule-label-value')}`, 'walk');
      await page.click(tid('rule-submit'));
      await page.waitForSelector(tid('rule-dialog'), { state: 'detached' });
      const row = page.locator(`tr[data-name="${RULE}"]`);
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert(text.includes('Agent offline') && text.includes('Command failed'), `events: ${text}`);
      assert(text.includes(CHANNEL), `channel name in the rule row: ${text}`);
      assert(text.includes('env=walk'), `label pair in the rule row: ${text}`);
      await shot(page, 'notifications-rule');
    },
  );

  await scenario(
    'deliveries list both tests as sent; the status filter narrows it',
    page,
    errors,
    async () => {
      await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
      await page.waitForSelector(`${tid('alerts-tab')} ${tid('filter-alert-state')}`);
      await page.getByRole('tab', { name: 'Deliveries', exact: true }).click();
      const rows = page.locator(`${tid('deliveries-table')} tbody tr`);
      await rows.first().waitFor();
      assert((await rows.count()) === 2, `two test deliveries, got ${await rows.count()}`);
      for (const text of await rows.allTextContents())
        assert(
          text.includes(CHANNEL) && text.includes('Test') && text.includes('SENT'),
          `row: ${text}`,
        );
      await page.click(tid('filter-delivery-status'));
      await page.getByRole('option', { name: 'FAILED', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'failed');
      await page.waitForSelector(`${tid('deliveries-tab')} ${tid('empty-state')}`);
    },
  );

  const viewer = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  const viewerPage = await viewer.newPage();
  viewerPage.setDefaultTimeout(TIMEOUT);
  const viewerErrors = watch(viewerPage);
  await scenario(
    'a viewer sees channels and rules read-only',
    viewerPage,
    viewerErrors,
    async () => {
      await login(viewerPage, VIEWER);
      await viewerPage.goto(`${BASE}/notifications`, { waitUntil: 'domcontentloaded' });
      await viewerPage.waitForSelector(tid('readonly-banner'));
      await viewerPage.waitForSelector(`${channelRow} [data-status="ok"]`);
      for (const id of ['channel-create', 'channel-test', 'channel-edit', 'channel-delete'])
        assert((await viewerPage.locator(tid(id)).count()) === 0, `viewer must not see ${id}`);
      await viewerPage.getByRole('tab', { name: 'Rules', exact: true }).click();
      await viewerPage.waitForSelector(`tr[data-name="${RULE}"]`);
      assert(
        (await viewerPage.locator(tid('rule-create')).count()) === 0,
        'viewer must not create rules',
      );
    },
  );
  await viewer.close();

  await scenario(
    'the demo agent goes silent: alert fired, shown, then recovered',
    page,
    errors,
    async () => {
      await page.getByRole('tab', { name: 'Rules', exact: true }).click();
      await page.click(tid('rule-create'));
      await page.waitForSelector(tid('rule-dialog'));
      await page.fill(tid('rule-name'), 'walk offline');
      await choose(page, 'rule-events', ['rule-event-agent.offline']);
      await page.click(tid('rule-channels'));
      await page.getByRole('option', { name: new RegExp(CHANNEL) }).click();
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cdk-overlay-pane mat-option', { state: 'detached' });
      await page.fill(tid('rule-delay'), '0');
      await page.click(tid('rule-submit'));
      await page.waitForSelector('tr[data-name="walk offline"]');

      const from = receiver.received.length;
      signalDemo('SIGSTOP');
      const fired = await waitForMessage(
        receiver,
        from,
        (m) => m.kind === 'fire' && m.event === 'agent.offline',
      );
      assertSigned(fired);
      await page.getByRole('tab', { name: 'Alerts', exact: true }).click();
      await page.click(tid('refresh'));
      const alert = page.locator(`${tid('alerts-table')} tbody tr`, {
        has: page.locator('[data-status="firing"]'),
      });
      await alert.waitFor();
      const href = await alert.locator('[data-col="subject"] a').getAttribute('href');
      assert(href?.startsWith('/agents/agt_'), `subject links to the agent, got ${href}`);
      await shot(page, 'notifications-alert-firing');

      signalDemo('SIGCONT');
      await waitForMessage(
        receiver,
        from,
        (m) => m.kind === 'recovery' && m.event === 'agent.offline',
      );
      await page.click(tid('refresh'));
      await page.locator(`${tid('alerts-table')} tbody tr [data-status="resolved"]`).waitFor();
    },
  );
} catch (error) {
  results.push({ name: 'walk setup', ok: false });
  log(`FAIL - walk setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  // Never leave the demo agent paused, whatever failed.
  try {
    if (demoPid > 0) process.kill(demoPid, 'SIGCONT');
  } catch {
    // already gone: nothing to resume
  }
  await browser?.close();
  receiver?.server.close();
}
finish();
