#!/usr/bin/env node
// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"true","OPSTAGE_HEARTBEAT_INTERVAL_SECONDS":"2","OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS":"10"}
// Every page on every screen (issue 20, capability 5 and the accessibility check): at 1440 px and
// at 390×844, in English and Chinese, light and dark (dark from the system setting, and from the
// toggle). Screenshots of each go to test-output/screenshots/screens/; at 390 px each page's main
// action must be reachable without sideways scrolling; axe-core must find no serious or critical
// violation. The eight combinations run as parallel contexts of one browser.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  BASE,
  OWNER,
  SHOTS,
  TIMEOUT,
  results,
  log,
  tid,
  assert,
  watch,
  scenario,
  login,
  launchBrowser,
  finish,
} from './lib/harness.mjs';
import { adminApi, problemFleet } from './lib/fleet.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DIR = join(SHOTS, 'screens');
mkdirSync(DIR, { recursive: true });

/** Fails on violations of these impacts; the rest is printed. */
const BLOCKING = new Set(['serious', 'critical']);

async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * In-app navigation (the router follows popstate): no reload of the whole console per page, which
 * was most of this suite's time.
 */
async function go(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

/** Waits until the page has its data and nothing moves any more (progress bars, fonts, animations). */
async function settle(page, ready) {
  await page.waitForSelector(tid(ready));
  await page.waitForFunction(() => !document.querySelector('mat-progress-bar'));
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

let browser;
let agents;
try {
  const api = await adminApi();
  const setup = await problemFleet(api);
  agents = setup.agents;
  const { demo, failed } = setup;
  await api.call('POST', '/api/admin/bus/routes', {
    name: 'screens-route',
    status: 'DRY_RUN',
    match: { eventType: 'demo.ping' },
    target: { serviceCode: 'demo-service', actionName: 'echo' },
  });
  // A channel for the notifications table (never contacted: the walk sends no test).
  await api.call('POST', '/api/admin/notifications/channels', {
    name: 'screens-hook',
    type: 'webhook',
    settings: { url: 'https://hooks.example.invalid/opstage', secret: 'screens-signing-secret' },
  });
  const auditId = (await api.call('GET', '/api/admin/audit-events?pageSize=1'))[0].id;

  /** Each page, what shows it is ready, and its main action (what an on-call operator needs to reach). */
  const PAGES = [
    {
      name: 'dashboard',
      path: '/',
      ready: 'dashboard-tiles',
      main: `${tid('problem-services')} a`,
    },
    {
      name: 'agents',
      path: '/agents',
      ready: 'agents-table',
      main: `${tid('agent-row-demo-agent')} ${tid('agent-op-disable')}`,
    },
    {
      name: 'agent-detail',
      path: `/agents/${demo.agentId}`,
      ready: 'agent-status',
      main: tid('agent-op-disable'),
    },
    {
      name: 'services',
      path: '/services',
      ready: 'services-table',
      main: `${tid('service-row-demo-service')} a`,
    },
    {
      name: 'service-overview',
      path: `/services/${agents.degraded.serviceId}`,
      ready: 'service-tabs',
      main: tid('refresh'),
    },
    {
      name: 'service-health',
      path: `/services/${agents.degraded.serviceId}?tab=health`,
      ready: 'health-history',
      main: tid('health-timeline'),
    },
    {
      name: 'service-actions',
      path: `/services/${demo.id}?tab=actions`,
      ready: 'action-echo',
      main: tid('action-echo'),
    },
    {
      name: 'commands',
      path: '/commands',
      ready: 'commands-table',
      main: `${tid(`command-row-${failed.id}`)} ${tid('command-retry')}`,
    },
    {
      name: 'command-detail',
      path: `/commands/${failed.id}`,
      ready: 'command-status',
      main: tid('command-retry'),
    },
    { name: 'audit', path: '/audit-events', ready: 'audit-table', main: tid('export-csv') },
    {
      name: 'audit-detail',
      path: `/audit-events/${auditId}`,
      ready: 'page-audit-detail',
      main: `${tid('page-audit-detail')} a[href="/audit-events"]`,
    },
    {
      name: 'tokens',
      path: '/registration-tokens',
      ready: 'tokens-table',
      main: tid('token-create'),
    },
    { name: 'users', path: '/users', ready: 'users-table', main: tid('user-create') },
    { name: 'settings', path: '/settings', ready: 'diagnostics', main: tid('maintenance-run') },
    { name: 'bus', path: '/bus', ready: 'bus-routes-table', main: tid('route-create') },
    {
      name: 'notifications',
      path: '/notifications',
      ready: 'channels-table',
      main: `${tid('channels-table')} ${tid('channel-test')}`,
    },
    {
      name: 'not-found',
      path: '/no-such-page',
      ready: 'page-not-found',
      main: `${tid('page-not-found')} a`,
    },
  ];

  browser = await launchBrowser();
  const combos = [];
  for (const width of [1440, 390])
    for (const lang of ['en', 'zh'])
      for (const theme of ['light', 'dark']) combos.push({ width, lang, theme });
  /**
   * axe runs in half of the combinations, chosen so every page is checked light and dark, in both
   * languages and at both widths (it is most of the suite's time on a 2-core machine).
   */
  const AXE_IN = new Set(['1440-en-light', '1440-zh-dark', '390-en-dark', '390-zh-light']);

  /** Walks every page of one combination; returns the problems found (empty = pass). */
  async function walk({ width, lang, theme }) {
    const phone = width === 390;
    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: theme,
      viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
      isMobile: phone,
      hasTouch: phone,
      // axe is injected as an inline script, which the console's CSP (rightly) refuses.
      bypassCSP: true,
    });
    await context.addInitScript(
      (l) => localStorage.setItem('opstage.language', l === 'zh' ? 'zh-CN' : 'en-US'),
      lang,
    );
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = watch(page);
    const problems = [];
    const tag = `${width}-${lang}-${theme}`;
    const started = Date.now();
    const spent = { axe: 0, shot: 0 };
    const checkAxe = AXE_IN.has(tag);
    const minor = new Set();
    try {
      await page.goto(`${BASE}/login`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('login-username'));
      await page.screenshot({ path: join(DIR, `login-${tag}.png`), fullPage: true });
      await login(page, OWNER);
      for (const p of PAGES) {
        await go(page, p.path);
        await settle(page, p.ready);
        if (theme === 'dark') {
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
          if (!(r + g + b < 120))
            problems.push(`${p.name}: the dark theme did not apply (body ${bg})`);
        }
        if (phone) {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          if (overflow > 1)
            problems.push(`${p.name}: scrolls sideways by ${overflow} px at 390 px`);
          const main = page.locator(p.main).first();
          if ((await main.count()) === 0) problems.push(`${p.name}: main action ${p.main} missing`);
          else {
            await main.scrollIntoViewIfNeeded();
            const box = await main.boundingBox();
            if (!box || box.x < 0 || box.x + box.width > 391 || box.width === 0)
              problems.push(`${p.name}: main action off-screen ${JSON.stringify(box)}`);
          }
        }
        let t = Date.now();
        await page.screenshot({ path: join(DIR, `${p.name}-${tag}.png`), fullPage: true });
        spent.shot += Date.now() - t;
        t = Date.now();
        for (const v of checkAxe ? await axeViolations(page) : []) {
          if (BLOCKING.has(v.impact))
            problems.push(
              `${p.name}: axe ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`,
            );
          else minor.add(`${v.impact} ${v.id}`);
        }
        spent.axe += Date.now() - t;
      }
      // The action dialog: full screen on a phone, Run reachable.
      await go(page, `/services/${demo.id}?tab=actions`);
      await page.click(tid('action-echo'));
      await settle(page, 'action-form');
      const run = page.locator(tid('action-run'));
      await run.scrollIntoViewIfNeeded();
      const box = await run.boundingBox();
      if (
        !box ||
        box.x + box.width > (phone ? 391 : 1441) ||
        box.y + box.height > (phone ? 845 : 901)
      )
        problems.push(`action dialog: Run off-screen ${JSON.stringify(box)}`);
      await page.screenshot({ path: join(DIR, `action-dialog-${tag}.png`) });
      for (const v of checkAxe ? await axeViolations(page) : []) {
        if (BLOCKING.has(v.impact))
          problems.push(
            `action dialog: axe ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`,
          );
      }
      if (errors.length) problems.push(...errors);
    } catch (error) {
      problems.push(
        `walk stopped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      await page.screenshot({ path: join(DIR, `failed-${tag}.png`) }).catch(() => undefined);
    } finally {
      await context.close();
    }
    log(
      `     ${tag}: ${Date.now() - started} ms (screenshots ${spent.shot} ms, axe ${spent.axe} ms${minor.size ? `; not blocking: ${[...minor].join(', ')}` : ''})`,
    );
    return { tag, problems };
  }

  // Four contexts at a time: a 2-core CI machine, the server and the agents share the CPU.
  const outcomes = [];
  for (let i = 0; i < combos.length; i += 4)
    outcomes.push(...(await Promise.all(combos.slice(i, i + 4).map(walk))));
  for (const o of outcomes) {
    const name = `every page at ${o.tag}: screenshots${AXE_IN.has(o.tag) ? ', no axe serious/critical violation' : ''}${o.tag.startsWith('390') ? ', main actions reachable' : ''}${o.tag.endsWith('dark') ? ', dark theme from the system' : ''}`;
    if (o.problems.length === 0) {
      results.push({ name, ok: true });
      log(`ok   - ${name}`);
    } else {
      results.push({ name, ok: false });
      log(`FAIL - ${name}:\n  ${o.problems.join('\n  ')}`);
    }
  }

  const context = await browser.newContext({
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = watch(page);
  await scenario(
    'the theme toggle forces dark on a light system and remembers it',
    page,
    errors,
    async () => {
      await login(page, OWNER);
      assert(
        (await page.getAttribute(tid('theme-toggle'), 'data-theme-mode')) === 'system',
        'follows the system by default',
      );
      // The attribute is rendered after the click's handler: wait for it (a loaded machine read the old mode).
      const modeBecomes = (mode) =>
        page
          .waitForSelector(`${tid('theme-toggle')}[data-theme-mode="${mode}"]`, { timeout: 5000 })
          .then(
            () => true,
            () => false,
          );
      await page.click(tid('theme-toggle'));
      await page.click(tid('theme-toggle'));
      assert(await modeBecomes('dark'), 'dark after two clicks');
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('page-dashboard'));
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      assert(r + g + b < 120, `dark background after reload, got ${bg}`);
      await page.click(tid('theme-toggle'));
      assert(await modeBecomes('system'), 'back to the system setting');
    },
  );
  await context.close();
} catch (error) {
  results.push({ name: 'suite setup', ok: false });
  log(`FAIL - suite setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await agents?.stop();
  await browser?.close();
}

finish();
