#!/usr/bin/env node
// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"true","OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS":"4","OPSTAGE_HEARTBEAT_INTERVAL_SECONDS":"2"}
// Browser tests for the bugs of the operations-console review (issue 20, bugs 1–8): a hung agent
// (`kill -STOP` on the demo agent), tiles against their lists, prepare commands in recent lists,
// actions of an unavailable service, lists that refresh themselves, long names at 1440 px, the
// console at 390 px, and the smaller accessibility and wording findings.
import { spawnSync } from 'node:child_process';
import {
  BASE,
  OWNER,
  VIEWER,
  TIMEOUT,
  results,
  log,
  tid,
  status,
  assert,
  watch,
  shot,
  scenario,
  login,
  nav,
  launchBrowser,
  finish,
  expectConsoleErrors,
  ownerPage,
} from './lib/harness.mjs';
import { LONG, adminApi, commandTotal, serviceStatus, startAgent } from './lib/fleet.mjs';

const PREPARE_TIMEOUT_S = 4;
const demoPid = Number(process.env.E2E_DEMO_PID);

function signalDemo(signal) {
  assert(Number.isInteger(demoPid) && demoPid > 0, 'E2E_DEMO_PID is set');
  const r = spawnSync('kill', [`-${signal}`, String(demoPid)]);
  assert(r.status === 0, `kill -${signal} ${demoPid} failed: ${r.stderr}`);
}

/** The list page's total (every list shows `list-total`). */
async function listTotal(page) {
  await page.waitForSelector(tid('list-total'));
  await page.waitForFunction(() => !document.querySelector('mat-progress-bar'));
  return Number(((await page.textContent(tid('list-total'))) ?? '').replace(/\D+/g, ''));
}

let browser;
let degraded;
let api;
try {
  api = await adminApi();
  browser = await launchBrowser();
  degraded = await startAgent(api, {
    agentCode: LONG.agentCode,
    agentName: LONG.agentName,
    serviceCode: LONG.serviceCode,
    serviceName: LONG.serviceName,
    health: { status: 'DEGRADED', message: LONG.healthMessage },
  });
  const demo = (await api.call('GET', '/api/admin/capsule-services?q=demo-service'))[0];

  const { context, page, errors } = await ownerPage(browser);

  await scenario(
    'bug 6: a long service name keeps status and health on screen at 1440 px; agents by name',
    page,
    errors,
    async () => {
      await nav(page, 'services', 'page-services');
      const row = page.locator(tid(`service-row-${LONG.serviceCode}`));
      await row.waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      for (const cell of ['cell-status', 'cell-health']) {
        const box = await row.locator(tid(cell)).boundingBox();
        const wrap = await page.locator(tid('services-table')).boundingBox();
        assert(
          box &&
            wrap &&
            box.x >= wrap.x &&
            box.x + box.width <= Math.min(wrap.x + wrap.width, 1440),
          `${cell} is off-screen: ${JSON.stringify(box)}`,
        );
      }
      const agentCell = row.locator(tid('cell-agent'));
      const agentText = (await agentCell.textContent()) ?? '';
      assert(
        agentText.includes('EMEA billing edge agent') && !agentText.includes('agt_'),
        `agent shown by name, got: ${agentText}`,
      );
      assert(
        ((await agentCell.locator('[title]').first().getAttribute('title')) ?? '').includes(
          degraded.agentId,
        ),
        'the agent id is on hover',
      );
      await shot(page, 'bug6-long-names-1440');
    },
  );

  await scenario(
    'bug 4: actions of a service whose agent cannot run them are disabled, with the reason',
    page,
    errors,
    async () => {
      await api.call('POST', `/api/admin/agents/${degraded.agentId}/disable`, {});
      await page.goto(`${BASE}/services/${degraded.serviceId}?tab=actions`, {
        waitUntil: 'domcontentloaded',
      });
      await page.waitForSelector(tid('action-echo'));
      assert(await page.isDisabled(tid('action-echo')), 'the action button is disabled');
      const reason = (await page.textContent(tid('actions-unavailable'))) ?? '';
      assert(/disabled/i.test(reason), `the reason names the agent state, got: ${reason}`);
      await shot(page, 'bug4-actions-disabled');
      await api.call('POST', `/api/admin/agents/${degraded.agentId}/enable`, {});
    },
  );

  await scenario(
    'bug 5: an open services list shows a status change by itself within 2 s',
    page,
    errors,
    async () => {
      await nav(page, 'services', 'page-services');
      await page.waitForSelector(
        `${tid('service-row-demo-service')} ${tid('cell-status')} [data-status="HEALTHY"]`,
      );
      await api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/update-settings`, {
        payload: { maintenance: true },
      });
      await serviceStatus(api, demo.id, 'UNHEALTHY');
      const seen = Date.now();
      await page.waitForSelector(
        `${tid('service-row-demo-service')} ${tid('cell-status')} [data-status="UNHEALTHY"]`,
        { timeout: 2_000 },
      );
      log(`     list updated ${Date.now() - seen} ms after the API showed the change`);
      await api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/update-settings`, {
        payload: { maintenance: false },
      });
      await serviceStatus(api, demo.id, 'HEALTHY');
      await page.waitForSelector(
        `${tid('service-row-demo-service')} ${tid('cell-status')} [data-status="HEALTHY"]`,
        { timeout: 2_000 },
      );
    },
  );

  let stopped = false;
  await scenario(
    'bug 1: against a hung agent the dialog answers once within the prepare timeout; no prepare without a prepare step',
    page,
    errors,
    async () => {
      const before = await commandTotal(api, { type: 'ACTION_PREPARE' });
      signalDemo('STOP');
      stopped = true;
      await page.goto(`${BASE}/services/${demo.id}?tab=actions`, { waitUntil: 'domcontentloaded' });
      await page.click(tid('action-update-settings'));
      const opened = Date.now();
      await page.waitForSelector(tid('action-prepare-timeout'), {
        timeout: (PREPARE_TIMEOUT_S + 6) * 1000,
      });
      const took = Date.now() - opened;
      assert(took < (PREPARE_TIMEOUT_S + 3) * 1000, `the dialog answered after ${took} ms`);
      const text = (await page.textContent(tid('action-prepare-timeout'))) ?? '';
      assert(
        text.includes(`${PREPARE_TIMEOUT_S} s`),
        `the message names the timeout, got: ${text}`,
      );
      assert(await page.isVisible(tid('action-prepare-retry')), 'a retry button is offered');
      await shot(page, 'bug1-prepare-timeout');
      // Let any silent browser retry happen before counting.
      await page.waitForTimeout(1500);
      const after = await commandTotal(api, { type: 'ACTION_PREPARE' });
      assert(after - before === 1, `one click created ${after - before} prepare commands`);
      // The browser logs the 504 it was given; that answer is the point of this scenario.
      expectConsoleErrors(errors, /status of 504/);
      await page.click(tid('action-close'));
      await page.waitForSelector(tid('action-dialog'), { state: 'detached' });

      const start = Date.now();
      await page.click(tid('action-echo'));
      await page.waitForSelector(tid('action-form'), { timeout: 3_000 });
      log(`     echo (no prepare step) opened in ${Date.now() - start} ms`);
      assert(
        (await commandTotal(api, { type: 'ACTION_PREPARE' })) === after,
        'an action without a prepare step creates no prepare command',
      );
      await page.click(tid('action-close'));
      // A command queued while the agent hangs stays PENDING (used by the tile check below).
      await api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/echo`, {
        payload: { message: 'queued while hung' },
      });
    },
  );

  await scenario('bug 2: every dashboard tile equals the list it opens', page, errors, async () => {
    await nav(page, 'dashboard', 'page-dashboard');
    await page.waitForSelector(`${tid('dashboard-tiles')} a`);
    const tiles = await page.$$eval(`${tid('dashboard-tiles')} [data-tile]`, (els) =>
      els.map((e) => ({
        id: e.getAttribute('data-tile'),
        value: Number(
          (e.querySelector('[data-testid="tile-value"]')?.textContent ?? '').replace(/\D+/g, ''),
        ),
      })),
    );
    assert(tiles.length >= 4, `tiles found: ${JSON.stringify(tiles)}`);
    for (const tile of tiles) {
      await nav(page, 'dashboard', 'page-dashboard');
      await page.click(`[data-tile="${tile.id}"] a`);
      const total = await listTotal(page);
      assert(
        total === tile.value,
        `tile ${tile.id} says ${tile.value}, its list shows ${total} (${page.url()})`,
      );
    }
  });

  await scenario(
    'bug 3: prepare commands stay out of recent commands, and the command list shows them on request',
    page,
    errors,
    async () => {
      await nav(page, 'dashboard', 'page-dashboard');
      await page.waitForSelector(tid('recent-commands'));
      const types = await page.$$eval(`${tid('recent-commands')} [data-type]`, (els) =>
        els.map((e) => e.getAttribute('data-type')),
      );
      assert(
        types.length > 0 && !types.includes('ACTION_PREPARE'),
        `recent commands types: ${types.join(',')}`,
      );
      await page.goto(`${BASE}/commands?type=ACTION_PREPARE`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(`${tid('commands-table')} tr[data-action="update-settings"]`);
      signalDemo('CONT');
      stopped = false;
    },
  );
  if (stopped) signalDemo('CONT');

  await scenario(
    'bug 8: active nav link has aria-current, a skip link, a visible focus ring, a not-found page',
    page,
    errors,
    async () => {
      await nav(page, 'agents', 'page-agents');
      assert(
        (await page.getAttribute(tid('nav-agents'), 'aria-current')) === 'page',
        'aria-current="page" on the active link',
      );
      await page.goto(`${BASE}/agents`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('page-agents'));
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      assert(first === 'skip-link', `the first Tab stop is the skip link, got ${first}`);
      await page.keyboard.press('Enter');
      assert(
        (await page.evaluate(() => document.activeElement?.id)) === 'main',
        'the skip link moves focus to the main content',
      );
      await page.focus(tid('nav-services'));
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await page.$eval(tid('nav-services'), (e) => {
        const s = getComputedStyle(e);
        return { width: parseFloat(s.outlineWidth), style: s.outlineStyle };
      });
      assert(
        ring.style !== 'none' && ring.width >= 2,
        `focus ring on the sidebar: ${JSON.stringify(ring)}`,
      );
      await page.goto(`${BASE}/no-such-page`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('page-not-found'));
      assert(page.url().endsWith('/no-such-page'), 'the unknown URL stays in the address bar');
      await shot(page, 'bug8-not-found');
    },
  );

  await scenario(
    'bug 8: RUNNING says running, not waiting for the agent to pull',
    page,
    errors,
    async () => {
      await page.goto(`${BASE}/services/${demo.id}?tab=actions`, { waitUntil: 'domcontentloaded' });
      await page.click(tid('action-slow-task'));
      await page.waitForSelector(tid('action-form'), { timeout: 20_000 });
      await page.fill(tid('field-seconds'), '4');
      await page.click(tid('action-run'));
      await page.waitForSelector(status('action-command-status', 'RUNNING'), { timeout: 20_000 });
      const text = (await page.textContent(tid('action-waiting'))) ?? '';
      assert(!/pull/i.test(text) && /running/i.test(text), `RUNNING wording, got: ${text}`);
      await page.waitForSelector(status('action-command-status', 'SUCCEEDED'), { timeout: 20_000 });
      await page.click(tid('action-close'));
    },
  );

  await scenario(
    'bug 8: a floating label in a stacked dialog is not clipped',
    page,
    errors,
    async () => {
      await page.goto(`${BASE}/services/${demo.id}?tab=actions`, { waitUntil: 'domcontentloaded' });
      await page.click(tid('action-list-accounts'));
      await page.waitForSelector(tid('action-form'), { timeout: 20_000 });
      await page.click(tid('action-run'));
      await page.waitForSelector(tid('result-table'), { timeout: 20_000 });
      // `show-account` has no description: its form (a pre-filled field) is the first thing in the dialog.
      await page
        .locator(`${tid('result-table')} tbody tr`)
        .first()
        .locator(tid('row-action-show-account'))
        .click();
      await page.waitForFunction(
        () => document.querySelectorAll('mat-dialog-container').length === 2,
      );
      const top = page.locator('mat-dialog-container').last();
      await top.locator(tid('action-form')).waitFor({ timeout: 20_000 });
      const label = await top.locator('mat-form-field .mdc-floating-label').first().boundingBox();
      const content = await top.locator('mat-dialog-content').boundingBox();
      assert(
        label && content && label.y >= content.y,
        `label top ${label?.y} above the dialog content top ${content?.y}`,
      );
      await shot(page, 'bug8-stacked-dialog');
      await top.locator(tid('action-close')).click();
      await page.waitForFunction(
        () => document.querySelectorAll('mat-dialog-container').length === 1,
      );
      await page.click(tid('action-close'));
    },
  );

  await scenario(
    'bug 8: maintenance result as a table, diagnostics translated with readable sizes',
    page,
    errors,
    async () => {
      await nav(page, 'settings', 'page-settings');
      await page.click(tid('maintenance-run'));
      await page.waitForSelector(
        `${tid('maintenance-result')} table, table${tid('maintenance-result')}`,
      );
      await page.waitForSelector(tid('diagnostics'));
      await page.click(tid('lang-zh'));
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="nav-agents"]')?.textContent?.includes('代理'),
      );
      const diag = (await page.textContent(tid('diagnostics'))) ?? '';
      assert(
        !/heapUsed|uptimeSeconds|rss\b/.test(diag),
        `diagnostics show raw keys: ${diag.slice(0, 200)}`,
      );
      assert(/MB/.test(diag) && !/\(\d{6,}\)/.test(diag), 'byte counts are human-readable');
      await shot(page, 'bug8-settings-zh');
      await page.click(tid('lang-en'));
    },
  );

  await scenario(
    'bug 8: the bus route dialog picks services and actions from lists',
    page,
    errors,
    async () => {
      await nav(page, 'bus', 'page-bus');
      await page.click(tid('route-create'));
      await page.waitForSelector(tid('route-dialog'));
      await page.click(tid('route-target-service'));
      await page.click(`mat-option:has-text("demo-service")`);
      await page.click(tid('route-target-action'));
      await page.waitForSelector('mat-option:has-text("echo")');
      await shot(page, 'bug8-bus-pickers');
      await page.keyboard.press('Escape');
      await page.click(tid('route-cancel'));
    },
  );

  const viewerContext = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  const vpage = await viewerContext.newPage();
  vpage.setDefaultTimeout(TIMEOUT);
  const verrors = watch(vpage);
  await scenario(
    'bug 8: the viewer banner on Settings does not collide with a field label',
    vpage,
    verrors,
    async () => {
      await login(vpage, VIEWER);
      await nav(vpage, 'settings', 'page-settings');
      const banner = await vpage.locator(tid('readonly-banner')).first().boundingBox();
      const label = await vpage
        .locator(`${tid('page-settings')} mat-form-field .mdc-floating-label`)
        .first()
        .boundingBox();
      assert(
        banner && label && banner.y + banner.height <= label.y,
        `banner ${JSON.stringify(banner)} overlaps ${JSON.stringify(label)}`,
      );
      await shot(vpage, 'bug8-viewer-settings');
    },
  );
  await viewerContext.close();

  const phone = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const ppage = await phone.newPage();
  ppage.setDefaultTimeout(TIMEOUT);
  const perrors = watch(ppage);
  await scenario(
    'bug 7: at 390 px the sidebar folds away and a dialog’s Run button is reachable',
    ppage,
    perrors,
    async () => {
      await login(ppage, OWNER);
      assert(!(await ppage.isVisible(tid('nav-agents'))), 'the sidebar is folded away on a phone');
      await ppage.click(tid('nav-toggle'));
      await ppage.click(tid('nav-services'));
      await ppage.waitForSelector(tid('page-services'));
      const overflow = await ppage.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert(overflow <= 0, `the services page scrolls sideways by ${overflow} px`);
      await ppage.goto(`${BASE}/services/${demo.id}?tab=actions`, {
        waitUntil: 'domcontentloaded',
      });
      await ppage.click(tid('action-echo'));
      await ppage.waitForSelector(tid('action-form'));
      const run = ppage.locator(tid('action-run'));
      await run.scrollIntoViewIfNeeded();
      const box = await run.boundingBox();
      assert(
        box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844,
        `Run is off-screen: ${JSON.stringify(box)}`,
      );
      await run.click();
      await ppage.waitForSelector(status('action-command-status', 'SUCCEEDED'), {
        timeout: 20_000,
      });
      await shot(ppage, 'bug7-phone-dialog');
    },
  );
  await phone.close();
  await context.close();
} catch (error) {
  results.push({ name: 'suite setup', ok: false });
  log(`FAIL - suite setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await degraded?.stop();
  await browser?.close();
}

finish();
