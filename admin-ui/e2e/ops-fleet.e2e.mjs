#!/usr/bin/env node
// e2e-env: {"OPSTAGE_HEARTBEAT_INTERVAL_SECONDS":"2","OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS":"10"}
// The operations walk (issue 20, capabilities 2-4 and 6) on three real agents: the demo agent
// (healthy), a degraded agent with very long names, and one that was started and stopped. The
// dashboard says what is wrong, since when and what was tried; the tables filter by label, search
// commands and audit, show health timelines; the top bar finds services, agents and commands;
// bulk actions ask for the count once and create one audited command per service; dates follow
// the console language.
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
import { LONG, adminApi, commandTotal, problemFleet } from './lib/fleet.mjs';

let browser;
let agents;
try {
  const api = await adminApi();
  const setup = await problemFleet(api);
  agents = setup.agents;
  const { demo, failed } = setup;
  browser = await launchBrowser();
  const { context, page, errors } = await ownerPage(browser);

  await scenario(
    'dashboard: what is wrong now, since when, and what was tried',
    page,
    errors,
    async () => {
      await page.waitForSelector(tid(`problem-${LONG.serviceCode}`));
      const degraded = (await page.textContent(tid(`problem-${LONG.serviceCode}`))) ?? '';
      assert(
        degraded.includes(LONG.healthMessage) && /since/.test(degraded),
        `degraded service with message and since: ${degraded}`,
      );
      const stopped = (await page.textContent(tid('problem-nightly-report-exporter'))) ?? '';
      assert(/OFFLINE|offline/.test(stopped), `stopped service is offline: ${stopped}`);
      const runs = (await page.textContent(tid('failed-runs'))) ?? '';
      assert(
        runs.includes('show-account') && runs.includes('ACCOUNT_NOT_FOUND'),
        `failed run with its error: ${runs}`,
      );
      assert(
        ((await page.textContent(tid('offline-agents'))) ?? '').includes('Nightly report agent'),
        'offline agent listed by name',
      );
      await shot(page, 'fleet-dashboard');
      // Each panel's "show all"/tile opens exactly its list.
      await page.click(`[data-tile="services-problem"] a`);
      await page.waitForSelector(tid('page-services'));
      assert(
        new URL(page.url()).searchParams.get('status') === 'UNHEALTHY,STALE,OFFLINE',
        `problem list query: ${page.url()}`,
      );
      await page.waitForSelector(tid(`service-row-${LONG.serviceCode}`));
      await page.waitForSelector(tid('service-row-nightly-report-exporter'));
      assert(
        (await page.locator(tid('service-row-demo-service')).count()) === 0,
        'healthy service not in the problem list',
      );
    },
  );

  await scenario(
    'services: label filter, timelines, health tab history',
    page,
    errors,
    async () => {
      await nav(page, 'services', 'page-services');
      await page.waitForSelector(
        `${tid(`service-row-${LONG.serviceCode}`)} ${tid('health-timeline')}`,
      );
      await page.click(tid('filter-label'));
      await page.click(tid('label-option-team-billing'));
      await page.keyboard.press('Escape');
      await page.waitForURL(/label=team%3Abilling|label=team:billing/);
      await page.waitForSelector(tid(`service-row-${LONG.serviceCode}`));
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid^="service-row-"]').length === 1,
      );
      await shot(page, 'fleet-services-label');
      await page.click(tid(`service-row-${LONG.serviceCode}`));
      await page.getByRole('tab', { name: 'Health', exact: true }).click();
      await page.waitForSelector(`${tid('health-timeline')} [data-status="DEGRADED"]`);
      await page.waitForSelector(`${tid('health-history')} [data-status="DEGRADED"]`);
      await shot(page, 'fleet-service-health');
    },
  );

  await scenario('commands and audit: substring search', page, errors, async () => {
    await page.goto(`${BASE}/commands?q=ACCOUNT_NOT`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(tid(`command-row-${failed.id}`));
    assert(
      (await page.locator('[data-testid^="command-row-"]').count()) === 1,
      'only the matching command',
    );
    await nav(page, 'audit-events', 'page-audit');
    await page.fill(tid('filter-q'), agents.degraded.agentId);
    await page.press(tid('filter-q'), 'Enter');
    await page.waitForURL(/q=agt_/);
    // Every row names the agent as actor or target (ids are shown as first8...last6).
    const id = agents.degraded.agentId;
    await page.waitForFunction(
      ([head, tail]) => {
        const rows = document.querySelectorAll('[data-testid="audit-table"] tbody tr');
        return (
          rows.length > 0 &&
          [...rows].every(
            (r) => (r.textContent ?? '').includes(head) && (r.textContent ?? '').includes(tail),
          )
        );
      },
      [id.slice(0, 8), id.slice(-6)],
    );
  });

  await scenario(
    'global search finds a service by name and a command by id',
    page,
    errors,
    async () => {
      await page.fill(tid('global-search'), 'EMEA');
      await page.waitForSelector(tid(`search-hit-${agents.degraded.serviceId}`));
      await page.waitForSelector(tid(`search-hit-${agents.degraded.agentId}`));
      await shot(page, 'fleet-global-search');
      await page.click(tid(`search-hit-${agents.degraded.serviceId}`));
      await page.waitForURL(new RegExp(`/services/${agents.degraded.serviceId}`));
      await page.fill(tid('global-search'), failed.id.slice(0, 16));
      await page.click(tid(`search-hit-${failed.id}`));
      await page.waitForURL(new RegExp(`/commands/${failed.id}`));
    },
  );

  await scenario(
    'bulk: one action on two services, confirmed once by typing the count; one command each',
    page,
    errors,
    async () => {
      const before = await commandTotal(api, { actionName: 'echo' });
      await nav(page, 'services', 'page-services');
      await page.click(tid('select-demo-service'));
      await page.click(tid(`select-${LONG.serviceCode}`));
      await page.click(tid('bulk-run-action'));
      await page.click(tid('bulk-action-select'));
      await page.click(tid('bulk-action-option-echo'));
      assert(
        await page.isDisabled(tid('bulk-action-run')),
        'nothing runs before the count is typed',
      );
      await page.fill(tid('bulk-confirm-count'), '2');
      await page.click(tid('bulk-action-run'));
      await page.waitForSelector(`${tid('bulk-action-results')} li[data-ok="true"] >> nth=1`);
      await shot(page, 'fleet-bulk-action');
      assert(
        (await commandTotal(api, { actionName: 'echo' })) === before + 2,
        'two commands created',
      );
      await page.click(tid('bulk-action-close'));
    },
  );

  await scenario(
    'bulk: disable two agents with one typed confirmation, then enable them',
    page,
    errors,
    async () => {
      await nav(page, 'agents', 'page-agents');
      await page.click(tid('select-demo-agent'));
      await page.click(tid(`select-${LONG.agentCode}`));
      await page.click(tid('bulk-agents-disable'));
      await page.fill(tid('confirm-typed'), '2');
      await page.click(tid('confirm-ok'));
      await page.waitForSelector(`${tid('agent-row-demo-agent')} [data-status="DISABLED"]`);
      await page.waitForSelector(`${tid(`agent-row-${LONG.agentCode}`)} [data-status="DISABLED"]`);
      const audit = await api.call('GET', '/api/admin/audit-events?action=agent.disabled');
      assert(audit.length >= 2, 'each agent audited');
      await page.click(tid('select-demo-agent'));
      await page.click(tid(`select-${LONG.agentCode}`));
      await page.click(tid('bulk-agents-enable'));
      await page.fill(tid('confirm-typed'), '2');
      await page.click(tid('confirm-ok'));
      await page.waitForSelector(`${tid('agent-row-demo-agent')} [data-status="ONLINE"]`, {
        timeout: 15_000,
      });
    },
  );

  await scenario('bulk: cancel two running commands', page, errors, async () => {
    const slow = [];
    for (let i = 0; i < 2; i += 1)
      slow.push(
        await api.call('POST', `/api/admin/capsule-services/${demo.id}/actions/slow-task`, {
          payload: { seconds: 60 },
        }),
      );
    await page.goto(`${BASE}/commands?actionName=slow-task`, { waitUntil: 'domcontentloaded' });
    for (const c of slow) await page.click(tid(`select-${c.id}`));
    await page.click(tid('bulk-cancel'));
    await page.fill(tid('confirm-typed'), '2');
    await page.click(tid('confirm-ok'));
    for (const c of slow)
      await page.waitForSelector(`${tid(`command-row-${c.id}`)} [data-status="CANCELLED"]`);
  });

  await scenario(
    'dates follow the console language, not the browser locale',
    page,
    errors,
    async () => {
      await nav(page, 'services', 'page-services');
      const time = page.locator(`${tid('service-row-demo-service')} time`).first();
      await time.waitFor();
      assert(/ago|now/.test((await time.textContent()) ?? ''), 'relative time in English');
      assert(
        /\d{2}\/\d{2}\/\d{4}/.test((await time.getAttribute('title')) ?? ''),
        'absolute US date on hover',
      );
      await page.click(tid('lang-zh'));
      await page.waitForFunction(() =>
        /前|现在/.test(
          document.querySelector('[data-testid="service-row-demo-service"] time')?.textContent ??
            '',
        ),
      );
      assert(
        /\d{4}\/\d{2}\/\d{2}/.test((await time.getAttribute('title')) ?? ''),
        'Chinese date order on hover',
      );
      await shot(page, 'fleet-services-zh');
      await page.click(tid('lang-en'));
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
