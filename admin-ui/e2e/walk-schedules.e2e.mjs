#!/usr/bin/env node
// e2e-env: {"OPSTAGE_SCHEDULE_TICK_SECONDS":"1"}
// Scheduled actions (docs/schedules.md) in the browser: an operator creates a once schedule for the demo
// service's echo action through the dialog (service and action pickers, the schema-driven payload form), sees its
// next run, then its run in the history with a link to the command the ticker made, and that command's detail.
// A bad cron expression is answered next to the field. The page then loads for a viewer without edit controls.
import {
  BASE,
  VIEWER,
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

const OPERATOR = {
  username: process.env.E2E_OPERATOR_USER ?? 'operator',
  password: process.env.E2E_OPERATOR_PASS ?? '',
};

/** `datetime-local` text in the browser's (and this machine's) zone, with seconds. */
function localText(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function pick(page, fieldTestId, optionText) {
  await page.click(tid(fieldTestId));
  await page.click(`mat-option:has-text("${optionText}")`);
}

let browser;
try {
  browser = await launchBrowser();
  const { context, page, errors } = await ownerPage(browser, OPERATOR);

  await scenario(
    'schedules: a bad cron expression is answered next to the field',
    page,
    errors,
    async () => {
      await nav(page, 'schedules', 'page-schedules');
      await page.click(tid('schedule-create'));
      await page.fill(tid('schedule-name'), 'broken');
      await pick(page, 'schedule-service', 'demo-service');
      await pick(page, 'schedule-action', 'Echo');
      await page.waitForSelector(tid('action-form'));
      await page.fill(tid('schedule-cron'), '61 * * * *');
      const answered = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/schedules') && r.request().method() === 'POST',
      );
      await page.click(tid('schedule-submit'));
      assert((await answered).status() === 422, 'a bad cron is 422');
      await page.waitForSelector(tid('schedule-issue-cron'));
      await shot(page, 'schedules-bad-cron');
      await page.keyboard.press('Escape');
    },
  );

  let scheduleRow = '';
  await scenario(
    'schedules: an operator creates a once schedule and sees its next run',
    page,
    errors,
    async () => {
      await page.click(tid('schedule-create'));
      await page.fill(tid('schedule-name'), 'walk echo');
      await pick(page, 'schedule-service', 'demo-service');
      await pick(page, 'schedule-action', 'Echo');
      await page.waitForSelector(tid('action-form'));
      await page.fill(tid('field-message'), 'from a schedule');
      await pick(page, 'schedule-kind', 'Once');
      await page.fill(tid('schedule-run-at'), localText(Date.now() + 6_000));
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/schedules') && r.request().method() === 'POST',
      );
      await page.click(tid('schedule-submit'));
      const res = await created;
      assert(res.status() === 200, `create answered ${res.status()}: ${await res.text()}`);
      const id = (await res.json()).data.id;
      scheduleRow = `schedule-row-${id}`;
      await page.waitForSelector(`${tid(scheduleRow)} [data-col="next"] div`);
      await shot(page, 'schedules-list');
    },
  );

  await scenario(
    'schedules: the run appears in the history and links to its command',
    page,
    errors,
    async () => {
      assert(scheduleRow, 'the schedule was created');
      const deadline = Date.now() + 30_000;
      for (;;) {
        await page.click(`${tid(scheduleRow)} ${tid('schedule-history')}`);
        await page.waitForSelector(tid('schedule-runs-refresh'));
        if (await page.$(tid('schedule-run-started'))) break;
        if (Date.now() > deadline) throw new Error('no started run within 30 s');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1_000);
      }
      await page.waitForSelector(`${tid('schedule-run-started')} [data-status]`);
      await shot(page, 'schedules-history');
      await page.click(tid('schedule-run-command'));
      await page.waitForSelector(tid('page-command-detail'));
      assert(/\/commands\/cmd_/.test(page.url()), `on the command page: ${page.url()}`);
      // The command says which schedule started it.
      await page.waitForSelector(tid('command-schedule'));
    },
  );
  await context.close();

  const viewer = await ownerPage(browser, VIEWER);
  await scenario(
    'schedules: a viewer sees the list without edit controls',
    viewer.page,
    viewer.errors,
    async () => {
      await nav(viewer.page, 'schedules', 'page-schedules');
      await viewer.page.waitForSelector(
        `${tid('schedules-table')}, ${tid('page-schedules')} app-empty-state`,
      );
      assert(!(await viewer.page.$(tid('schedule-create'))), 'no create button for a viewer');
      assert(!(await viewer.page.$(tid('schedule-edit'))), 'no edit button for a viewer');
    },
  );
  await viewer.context.close();
} catch (error) {
  results.push({ name: 'schedules walk setup', ok: false });
  log(`FAIL - schedules walk setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser?.close();
}
void BASE;
finish();
