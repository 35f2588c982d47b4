#!/usr/bin/env node
// e2e-env: {"OPSTAGE_HEARTBEAT_INTERVAL_SECONDS":"2"}
// Live updates (issue 20, capability 1): open lists and detail pages change in place within 2 s
// of a server-side change, show "updated … ago", stop while paused and catch up on resume, and a
// health change of a service on screen raises a toast. Changes are made through the admin API
// (and by the demo agent reporting), never by reloading the page.
import {
  BASE,
  results,
  log,
  tid,
  assert,
  shot,
  scenario,
  nav,
  launchBrowser,
  finish,
  ownerPage,
} from './lib/harness.mjs';
import { adminApi, serviceStatus } from './lib/fleet.mjs';

const LIVE_MS = 2_000;

/** Waits for `selector` at most LIVE_MS after the change became visible through the API. */
async function seenWithin(page, selector, what) {
  const started = Date.now();
  await page.waitForSelector(selector, { timeout: LIVE_MS });
  log(`     ${what}: ${Date.now() - started} ms`);
}

let browser;
try {
  const api = await adminApi();
  const demo = (await api.call('GET', '/api/admin/capsule-services?q=demo-service'))[0];
  const setMaintenance = (on) =>
    api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/update-settings`, {
      payload: { maintenance: on },
    });
  browser = await launchBrowser();
  const { context, page, errors } = await ownerPage(browser);

  await scenario(
    'agents list: a disabled agent shows DISABLED without reload',
    page,
    errors,
    async () => {
      await nav(page, 'agents', 'page-agents');
      await page.waitForSelector(`${tid('agent-row-demo-agent')} [data-status="ONLINE"]`);
      await page.waitForSelector(`${tid('live-status')}[data-state="live"]`);
      assert(
        /updated/.test((await page.textContent(tid('live-status'))) ?? ''),
        'the page says when it was updated',
      );
      await api.call('POST', `/api/admin/agents/${demo.agentId}/disable`, {});
      await seenWithin(
        page,
        `${tid('agent-row-demo-agent')} [data-status="DISABLED"]`,
        'agent disabled',
      );
      await api.call('POST', `/api/admin/agents/${demo.agentId}/enable`, {});
      await seenWithin(
        page,
        `${tid('agent-row-demo-agent')} [data-status="ONLINE"]`,
        'agent enabled',
      );
      await shot(page, 'live-agents');
    },
  );

  await scenario(
    'commands list: a new run appears and finishes without reload',
    page,
    errors,
    async () => {
      await nav(page, 'commands', 'page-commands');
      await page.waitForSelector(tid('live-status'));
      const cmd = await api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/echo`, {
        payload: { message: 'live' },
      });
      await seenWithin(page, `${tid(`command-row-${cmd.id}`)}`, 'new command row');
      await page.waitForSelector(`${tid(`command-row-${cmd.id}`)} [data-status="SUCCEEDED"]`, {
        timeout: 10_000,
      });
    },
  );

  await scenario(
    'service detail and dashboard: a health change shows in place, with a toast for the service on screen',
    page,
    errors,
    async () => {
      await page.goto(`${BASE}/services/${demo.id}`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(
        `${tid('service-status')}[data-status="HEALTHY"], ${tid('service-status')} [data-status="HEALTHY"]`,
      );
      await setMaintenance(true);
      await serviceStatus(api, demo.id, 'UNHEALTHY');
      await seenWithin(
        page,
        `${tid('service-status')} [data-status="UNHEALTHY"]`,
        'service detail status',
      );
      await page.waitForSelector('mat-snack-bar-container:has-text("demo-service")', {
        timeout: LIVE_MS,
      });
      await shot(page, 'live-service-toast');
      await nav(page, 'dashboard', 'page-dashboard');
      await page.waitForSelector(tid('problem-demo-service'));
      await setMaintenance(false);
      await serviceStatus(api, demo.id, 'HEALTHY');
      await page.waitForSelector(tid('problem-demo-service'), {
        state: 'detached',
        timeout: LIVE_MS,
      });
    },
  );

  await scenario('pause stops live reloads; resume catches up at once', page, errors, async () => {
    await nav(page, 'agents', 'page-agents');
    await page.waitForSelector(`${tid('agent-row-demo-agent')} [data-status="ONLINE"]`);
    await page.click(tid('live-pause'));
    await page.waitForSelector(`${tid('live-status')}[data-state="paused"]`);
    await api.call('POST', `/api/admin/agents/${demo.agentId}/disable`, {});
    // A paused page must not change: wait out more than the live delay, then look.
    await page.waitForTimeout(LIVE_MS);
    assert(
      (await page.locator(`${tid('agent-row-demo-agent')} [data-status="DISABLED"]`).count()) === 0,
      'a paused list did not reload',
    );
    await shot(page, 'live-paused');
    await page.click(tid('live-pause'));
    await seenWithin(
      page,
      `${tid('agent-row-demo-agent')} [data-status="DISABLED"]`,
      'caught up on resume',
    );
    await api.call('POST', `/api/admin/agents/${demo.agentId}/enable`, {});
    await seenWithin(page, `${tid('agent-row-demo-agent')} [data-status="ONLINE"]`, 'live again');
  });

  await scenario('audit list: new audit events appear without reload', page, errors, async () => {
    await page.goto(`${BASE}/audit-events?action=registration_token.created`, {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForSelector(tid('audit-table'));
    const before = await page.locator(`${tid('audit-table')} tbody tr`).count();
    await api.call('POST', '/api/admin/registration-tokens', { name: 'live-audit-token' });
    await seenWithin(page, `${tid('audit-table')} tbody tr:nth-child(${before + 1})`, 'audit row');
  });
  await context.close();
} catch (error) {
  results.push({ name: 'suite setup', ok: false });
  log(`FAIL - suite setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser?.close();
}

finish();
