#!/usr/bin/env node
// Four-eyes approval (docs/actions-and-commands.md, "Approval") in the browser, against the real
// backend and demo agent: the owner makes HIGH actions need approval, an operator runs the demo's
// HIGH action (rotate-credentials) and sees it wait, cannot approve it (no button, and the server
// refuses), the owner approves it with a comment, the agent runs it to SUCCEEDED, and the
// navigation badge of waiting requests shows and clears for both.
import {
  BASE,
  assert,
  closeDialog,
  finish,
  launchBrowser,
  log,
  nav,
  openAction,
  openService,
  openTab,
  ownerPage,
  results,
  scenario,
  shot,
  status,
  tid,
} from './lib/harness.mjs';

const OPERATOR = {
  username: process.env.E2E_OPERATOR_USER ?? 'operator',
  password: process.env.E2E_OPERATOR_PASS ?? '',
};
const ACTION = 'rotate-credentials';
const COMMENT = 'Checked with the account owner: rotate now.';

async function apiGet(page, path) {
  const res = await page.request.get(`${BASE}${path}`);
  assert(res.ok(), `GET ${path} -> ${res.status()}`);
  return (await res.json()).data;
}

/** A POST with the page's session and CSRF token; answers the status and the parsed body. */
async function apiPost(page, path, data) {
  const me = await apiGet(page, '/api/admin/auth/me');
  const res = await page.request.post(`${BASE}${path}`, {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data,
  });
  return { status: res.status(), body: await res.json() };
}

async function badgeCount(page) {
  const badge = page.locator(tid('approvals-badge'));
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.trim());
}

let browser;
try {
  browser = await launchBrowser();
  const owner = await ownerPage(browser);
  const operator = await ownerPage(browser, OPERATOR);
  let commandId = '';

  await scenario('owner makes HIGH actions need approval', owner.page, owner.errors, async () => {
    await nav(owner.page, 'settings', 'page-settings');
    const high = owner.page.locator(`${tid('approval-level-HIGH')} input`);
    await high.waitFor();
    assert(!(await high.isChecked()), 'HIGH needs no approval by default');
    await high.check();
    await owner.page.click(tid('approval-settings-save'));
    await owner.page.waitForSelector('.snack-success');
    const saved = await apiGet(owner.page, '/api/admin/settings/approvals');
    assert(
      saved.dangerLevels.includes('HIGH') && saved.dangerLevels.includes('CRITICAL'),
      `saved levels: ${saved.dangerLevels.join(', ')}`,
    );
  });

  await scenario(
    'operator runs the HIGH action: it waits for approval',
    operator.page,
    operator.errors,
    async () => {
      const page = operator.page;
      assert((await badgeCount(page)) === 0, 'no badge before anything waits');
      await openService(page);
      await openTab(page, 'Actions');
      await openAction(page, ACTION);
      await page.waitForSelector(tid('action-danger'));
      await page.fill(tid('action-confirm-input'), ACTION);
      await page.click(tid('action-run'));
      await page.waitForSelector(status('action-command-status', 'AWAITING_APPROVAL'));
      const waiting = (await page.textContent(tid('action-waiting'))) ?? '';
      assert(waiting.includes('another operator or an owner'), `waiting text: ${waiting}`);
      commandId = ((await page.textContent(tid('action-command-link'))) ?? '').trim();
      assert(commandId.startsWith('cmd_'), `command id: ${commandId}`);
      await shot(page, 'approvals-awaiting');
      await closeDialog(page);
    },
  );

  await scenario(
    'the pending-approvals badge shows for operator and owner',
    operator.page,
    operator.errors,
    async () => {
      await operator.page.waitForFunction(
        () =>
          document.querySelector('[data-testid="approvals-badge"]')?.textContent?.trim() === '1',
      );
      await owner.page.reload({ waitUntil: 'domcontentloaded' });
      await owner.page.waitForSelector(`${tid('approvals-badge')}`);
      assert((await badgeCount(owner.page)) === 1, 'owner badge shows one waiting request');
    },
  );

  await scenario(
    'the requester cannot approve their own command',
    operator.page,
    operator.errors,
    async () => {
      const page = operator.page;
      await page.goto(`${BASE}/commands/${commandId}`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(status('command-status', 'AWAITING_APPROVAL'));
      await page.waitForSelector(tid('approval-own'));
      assert((await page.locator(tid('approval-approve')).count()) === 0, 'no approve button');
      assert((await page.locator(tid('approval-reject')).count()) === 0, 'no reject button');
      const refused = await apiPost(page, `/api/admin/commands/${commandId}/approve`, {});
      assert(
        refused.status === 403 && refused.body.error?.code === 'APPROVAL_SELF_FORBIDDEN',
        `server answer: ${refused.status} ${JSON.stringify(refused.body)}`,
      );
      const still = await apiGet(page, `/api/admin/commands/${commandId}`);
      assert(still.status === 'AWAITING_APPROVAL', `still waiting, got ${still.status}`);
    },
  );

  await scenario(
    'owner approves with a comment; the command runs to success',
    owner.page,
    owner.errors,
    async () => {
      const page = owner.page;
      await nav(page, 'commands', 'page-commands');
      await page.goto(`${BASE}/commands/${commandId}`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('approval-panel'));
      assert((await page.locator(tid('approval-own')).count()) === 0, 'owner is not the requester');
      await page.fill(tid('approval-comment'), COMMENT);
      await page.click(tid('approval-approve'));
      await page.waitForSelector(status('command-status', 'SUCCEEDED'), { timeout: 40_000 });
      await page.waitForSelector(tid('approval-panel'), { state: 'detached' });
      const done = await apiGet(page, `/api/admin/commands/${commandId}`);
      assert(done.status === 'SUCCEEDED', `command ${done.status}`);
      const audit = await apiGet(page, `/api/admin/audit-events?q=command.approved&pageSize=20`);
      const approved = audit.find(
        (e) => e.action === 'command.approved' && e.targetId === commandId,
      );
      assert(approved, 'command.approved is audited');
      assert(
        approved.metadata?.comment === COMMENT,
        `comment kept: ${JSON.stringify(approved.metadata)}`,
      );
      await shot(page, 'approvals-approved');
    },
  );

  await scenario(
    'the badge clears for owner and operator',
    operator.page,
    operator.errors,
    async () => {
      await owner.page.waitForSelector(tid('approvals-badge'), { state: 'detached' });
      await operator.page.waitForSelector(tid('approvals-badge'), { state: 'detached' });
      await operator.page.waitForSelector(status('command-status', 'SUCCEEDED'));
    },
  );

  await owner.context.close();
  await operator.context.close();
} catch (error) {
  results.push({ name: 'walk setup', ok: false });
  log(`FAIL - walk setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser?.close();
}
finish();
