#!/usr/bin/env node
// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"true"}
// Browser end-to-end suite for the operator console, against a real backend running the demo
// Capsule Service (agent `demo-agent`, service `demo-service`). Plain Node ESM + playwright-core,
// Debian Chromium, no browser download.
//
//   E2E_BASE_URL=http://127.0.0.1:8080 E2E_OWNER_USER=admin E2E_OWNER_PASS=… \
//   E2E_VIEWER_USER=viewer E2E_VIEWER_PASS=… node admin-ui/e2e/console.e2e.mjs
//
// Screenshots go to test-output/screenshots/ (relative to the working directory). The last line
// is `console-e2e: N passed, N failed`; the exit code is non-zero on any failure.
import { readFileSync } from 'node:fs';
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
  openService,
  openTab,
  openAction,
  runAndWait,
  closeDialog,
  launchBrowser,
  finish,
} from './lib/harness.mjs';

let browser;
try {
  browser = await launchBrowser();
  const owner = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await owner.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = watch(page);
  let apiKeyCommandId = '';

  await scenario('owner logs in (nothing pre-filled)', page, errors, async () => {
    await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/login/);
    await page.waitForSelector(tid('login-username'));
    assert(
      (await page.inputValue(tid('login-username'))) === '',
      'username must not be pre-filled',
    );
    assert(
      (await page.inputValue(tid('login-password'))) === '',
      'password must not be pre-filled',
    );
    await shot(page, 'login');
    await page.fill(tid('login-username'), OWNER.username);
    await page.fill(tid('login-password'), OWNER.password);
    await page.click(tid('login-submit'));
    await page.waitForSelector(tid('page-dashboard'));
    await page.waitForSelector(tid('tile-agents-online'));
    const version = await page.textContent(tid('app-version'));
    assert(/^v\S+/.test((version ?? '').trim()), `sidebar version missing: ${version}`);
    assert(
      (await page.textContent(tid('current-role')))?.includes('owner'),
      'header shows the role',
    );
    await shot(page, 'dashboard');
  });

  await scenario('owner sees the demo agent and its service', page, errors, async () => {
    await nav(page, 'agents', 'page-agents');
    await page.waitForSelector(`${tid('agent-row-demo-agent')} [data-status="ONLINE"]`);
    await shot(page, 'agents');
    await page.click(tid('agent-row-demo-agent'));
    await page.waitForSelector(tid('page-agent-detail'));
    await page.waitForSelector(`${tid('page-agent-detail')} a:has-text("Demo Capsule Service")`);
    await shot(page, 'agent-detail');
    // "Create recovery token": a registration token bound to this agent's code, shown once.
    await page.click(tid('agent-recovery-token'));
    await page.waitForSelector(tid('recovery-token'));
    const recovery = ((await page.textContent(tid('recovery-token-value'))) ?? '').trim();
    assert(recovery.startsWith('opstage_reg_'), `recovery token shown, got: ${recovery}`);
    assert(await page.isVisible(tid('recovery-token-copy')), 'copy button shown');
    await shot(page, 'agent-recovery-token');
    await openService(page);
    await shot(page, 'service-overview');
    await openTab(page, 'Manifest');
    await page.waitForSelector(tid('service-manifest'));
    await shot(page, 'service-manifest');
    await openTab(page, 'Health');
    await page.waitForSelector(tid('health-status'));
    await shot(page, 'service-health');
    await openTab(page, 'Configs');
    await page.waitForSelector(tid('configs-table'));
    assert(
      (await page.textContent(tid('configs-table')))?.includes('demo.message'),
      'configs list demo.message',
    );
    await shot(page, 'service-configs');
    await openTab(page, 'Actions');
    await page.waitForSelector(tid('action-echo'));
    await shot(page, 'service-actions');
  });

  await scenario('run echo and see its result', page, errors, async () => {
    await openAction(page, 'echo');
    await page.fill(tid('field-message'), 'hello from e2e');
    await runAndWait(page, 'SUCCEEDED');
    await page.waitForSelector(tid('result-view'));
    const message = await page.textContent(tid('result-message'));
    assert(message?.includes('hello from e2e'), `echo result shows the message, got: ${message}`);
    await shot(page, 'action-echo');
    await closeDialog(page);
  });

  await scenario('generate-api-key shows the secret exactly once', page, errors, async () => {
    await openAction(page, 'generate-api-key');
    await page.fill(tid('field-label'), 'e2e key');
    await runAndWait(page, 'SUCCEEDED');
    // Reading the result never reveals it: the operator asks, once (POST …/reveal).
    await page.waitForSelector(tid('one-time-reveal'));
    assert(
      (await page.locator(tid('one-time-secret')).count()) === 0,
      'secret not shown before Reveal',
    );
    await page.click(tid('one-time-reveal'));
    await page.waitForSelector(tid('one-time-secret'));
    const secret = ((await page.textContent(tid('one-time-secret-value'))) ?? '').trim();
    assert(secret.length >= 16 && secret !== '[REDACTED]', `secret revealed, got: ${secret}`);
    assert(
      (await page.textContent(tid('one-time-secret')))?.includes(
        'You will not see this value again',
      ),
      'notice shown',
    );
    assert(await page.isVisible(tid('one-time-secret-copy')), 'copy button shown');
    await shot(page, 'action-generate-api-key');
    apiKeyCommandId = ((await page.textContent(tid('action-command-link'))) ?? '').trim();
    assert(apiKeyCommandId.startsWith('cmd_'), `command id visible, got: ${apiKeyCommandId}`);
    await closeDialog(page);

    await page.goto(`${BASE}/commands/${apiKeyCommandId}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(status('command-status', 'SUCCEEDED'));
    await page.waitForSelector(tid('secret-gone'));
    assert(
      (await page.locator(tid('one-time-secret')).count()) === 0,
      'secret must not be shown again',
    );
    assert(!(await page.content()).includes(secret), 'secret text must not appear after reload');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector(status('command-status', 'SUCCEEDED'));
    assert(
      !(await page.content()).includes(secret),
      'secret text must not appear after a second reload',
    );
    await shot(page, 'command-detail-secret-gone');
  });

  await scenario(
    'table result with a row action that opens the target action prefilled (typed confirmation)',
    page,
    errors,
    async () => {
      await openService(page);
      await openTab(page, 'Actions');
      await openAction(page, 'list-accounts');
      await runAndWait(page, 'SUCCEEDED');
      await page.waitForSelector(tid('result-table'));
      const firstRow = page.locator(`${tid('result-table')} tbody tr`).first();
      const rowId = ((await firstRow.getAttribute('data-testid')) ?? '').replace('result-row-', '');
      assert(rowId !== '', 'rows are keyed by id');
      await shot(page, 'action-list-accounts');
      await firstRow.locator(tid('row-action-rotate-credentials')).click();
      const dialogs = page.locator('mat-dialog-container');
      await page.waitForFunction(
        () => document.querySelectorAll('mat-dialog-container').length === 2,
      );
      const top = dialogs.last();
      await top.locator(tid('action-form')).waitFor({ timeout: 35_000 });
      await top.locator(tid('action-danger')).waitFor();
      const preview = (await top.locator('.preview pre').textContent()) ?? '';
      assert(
        preview.includes(`"accountId": "${rowId}"`),
        `row values prefill the form, got: ${preview}`,
      );
      assert(
        await top.locator(tid('action-run')).isDisabled(),
        'dangerous action needs the typed confirmation first',
      );
      await top.locator(tid('action-confirm-input')).fill('rotate-credentials');
      await top.locator(tid('action-run')).click();
      await top.locator(status('action-command-status', 'SUCCEEDED')).waitFor({ timeout: 40_000 });
      await shot(page, 'action-row-action-rotate');
      await top.locator(tid('action-close')).click();
      await page.waitForFunction(
        () => document.querySelectorAll('mat-dialog-container').length === 1,
      );
      await closeDialog(page);
    },
  );

  await scenario('start slow-task and cancel it', page, errors, async () => {
    await openService(page);
    await openTab(page, 'Actions');
    await openAction(page, 'slow-task');
    await page.fill(tid('field-seconds'), '120');
    await page.click(tid('action-run'));
    await page.waitForSelector(tid('action-cancel-command'));
    await page.waitForSelector(status('action-command-status', 'RUNNING'), { timeout: 30_000 });
    await page.click(tid('action-cancel-command'));
    await page.click(tid('confirm-ok'));
    await page.waitForSelector(status('action-command-status', 'CANCELLED'), { timeout: 30_000 });
    await shot(page, 'action-slow-task-cancelled');
    await closeDialog(page);
  });

  await scenario('commands list and detail', page, errors, async () => {
    await nav(page, 'commands', 'page-commands');
    await page.waitForSelector(`${tid('commands-table')} tr[data-action="echo"]`);
    await page.waitForSelector(
      `${tid('commands-table')} tr[data-action="slow-task"] [data-status="CANCELLED"]`,
    );
    await shot(page, 'commands');
    await page.click(`${tid('commands-table')} tr[data-action="echo"] td.mono`);
    await page.waitForSelector(tid('page-command-detail'));
    await page.waitForSelector(tid('result-view'));
    await shot(page, 'command-detail');
  });

  await scenario('export audit events as CSV', page, errors, async () => {
    await nav(page, 'audit-events', 'page-audit');
    await page.waitForSelector(tid('audit-table'));
    await shot(page, 'audit-events');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(tid('export-csv')),
    ]);
    const name = download.suggestedFilename();
    assert(name.endsWith('.csv'), `csv file name, got ${name}`);
    const path = await download.path();
    const header = readFileSync(path, 'utf8').split('\n')[0] ?? '';
    assert(header.includes('createdAt') && header.includes('action'), `csv header, got: ${header}`);
    await page.click(`${tid('audit-table')} tbody tr`);
    await page.waitForSelector(tid('audit-metadata'));
    await shot(page, 'audit-detail');
  });

  await scenario('registration token is shown once with an env snippet', page, errors, async () => {
    await nav(page, 'registration-tokens', 'page-registration-tokens');
    await page.click(tid('token-create'));
    await page.fill(tid('token-name'), 'e2e-token');
    await page.click(tid('token-create-submit'));
    await page.waitForSelector(tid('token-created'));
    const token = ((await page.textContent(tid('token-value'))) ?? '').trim();
    assert(token.startsWith('opstage_reg_'), `raw token shown, got: ${token}`);
    assert(
      (await page.textContent(tid('token-env')))?.includes(`OPSTAGE_REGISTRATION_TOKEN=${token}`),
      'env snippet',
    );
    await shot(page, 'registration-tokens');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector(tid('tokens-table'));
    assert(!(await page.content()).includes(token), 'token gone after reload');
  });

  await scenario(
    'API token is shown once, works as a bearer token, and can be revoked',
    page,
    errors,
    async () => {
      await nav(page, 'api-tokens', 'page-api-tokens');
      await page.click(tid('api-token-create'));
      await page.fill(tid('api-token-name'), 'e2e-ci');
      await page.fill(tid('api-token-service-account'), 'e2e-ci');
      await page.click(tid('api-token-create-submit'));
      await page.waitForSelector(tid('api-token-created'));
      const token = ((await page.textContent(tid('api-token-value'))) ?? '').trim();
      assert(token.startsWith('opstage_api_'), `API token shown, got: ${token}`);
      const bearer = { headers: { Authorization: `Bearer ${token}` } };
      const ok = await fetch(`${BASE}/api/admin/capsule-services`, bearer);
      assert(ok.status === 200, `token works without a cookie, got ${ok.status}`);
      await shot(page, 'api-tokens');
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector(tid('api-tokens-table'));
      assert(!(await page.content()).includes(token), 'secret gone after reload');
      await page.click(tid('api-token-revoke'));
      await page.click(tid('confirm-ok'));
      await page.waitForSelector(`${tid('api-tokens-table')} [data-status="REVOKED"]`);
      const refused = await fetch(`${BASE}/api/admin/capsule-services`, bearer);
      assert(refused.status === 401, `revoked token refused, got ${refused.status}`);
    },
  );

  await scenario(
    'owner pages: users, settings with metrics and diagnostics',
    page,
    errors,
    async () => {
      await nav(page, 'users', 'page-users');
      await page.waitForSelector(tid(`user-row-${OWNER.username}`));
      await shot(page, 'users');
      await nav(page, 'settings', 'page-settings');
      await page.waitForSelector(tid('setting-offline'));
      await page.waitForSelector('.tile');
      await page.waitForSelector(tid('diagnostics'));
      await shot(page, 'settings');
    },
  );

  await scenario(
    'owner creates a Capsule Bus route, switches its status and sees events and bus audit',
    page,
    errors,
    async () => {
      await nav(page, 'bus', 'page-bus');
      assert(
        (await page.textContent(tid('bus-experimental')))?.includes('experimental'),
        'experimental marker on the page',
      );
      await page.waitForSelector(tid('bus-experimental-marker'));
      await page.waitForSelector(tid('bus-experimental-warning'));
      await page.click(tid('route-create'));
      const dialog = page.locator(tid('route-dialog'));
      await dialog.waitFor();
      await page.fill(tid('route-name'), 'e2e-ping');
      await page.click(tid('route-status'));
      await page.click(tid('route-status-option-DRY_RUN'));
      await page.fill(tid('route-event-type'), 'demo.ping');
      assert(
        (await page.inputValue(tid('route-source'))) === '',
        'source left empty (any service)',
      );
      await page.fill(tid('route-target-service'), 'demo-service');
      await page.fill(tid('route-target-action'), 'no-such-action');
      await page.click(tid('mapping-add'));
      await page.fill(tid('mapping-field-0'), 'message');
      // Obviously bad input is caught before anything is sent.
      await page.fill(tid('mapping-expression-0'), '$payload.text');
      await page.waitForSelector(tid('mapping-error-0'));
      await page.fill(tid('mapping-expression-0'), '$.payload.text');
      await page.waitForSelector(tid('mapping-error-0'), { state: 'detached' });
      // A server 404 lands on the field named by details.field.
      await page.click(tid('route-submit'));
      await page.waitForSelector(
        `${tid('route-target-action-error')}:has-text("no action with this name")`,
      );
      await page.waitForSelector(`${tid('route-dialog')} ${tid('error-alert')}`);
      await page.waitForFunction(() => {
        // The field error fades in; screenshot it once it is fully shown.
        for (
          let e = document.querySelector('[data-testid="route-target-action-error"]');
          e && e.tagName !== 'MAT-FORM-FIELD';
          e = e.parentElement
        ) {
          if (getComputedStyle(e).opacity !== '1') return false;
        }
        return true;
      });
      await shot(page, 'bus-route-dialog-error');
      await page.fill(tid('route-target-action'), 'echo');
      await page.click(tid('route-submit'));
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator(`${tid('bus-routes-table')} tr[data-name="e2e-ping"]`);
      await page.waitForSelector(
        `${tid('bus-routes-table')} tr[data-name="e2e-ping"][data-route-status="DRY_RUN"]`,
      );
      const text = (await row.textContent()) ?? '';
      assert(
        text.includes('demo.ping') && text.includes('demo-service / echo'),
        `route row shows match and target, got: ${text}`,
      );
      assert(
        text.includes('message ← $.payload.text'),
        `route row shows the mapping, got: ${text}`,
      );
      assert(
        (await row.locator('td').nth(4).textContent())?.trim() === '*',
        'any source shown as *',
      );
      await shot(page, 'bus-routes');
      await row.locator(tid('route-set-DISABLED')).click();
      await page.waitForSelector(
        `${tid('bus-routes-table')} tr[data-name="e2e-ping"][data-route-status="DISABLED"]`,
      );
      assert(
        (await row.locator(tid('route-set-DISABLED')).getAttribute('aria-pressed')) === 'true',
        'DISABLED is the pressed status',
      );
      assert(
        ((await row.textContent()) ?? '').includes('message ← $.payload.text'),
        'the status change keeps the mapping',
      );
      await openTab(page, 'Events');
      await page.waitForSelector(tid('bus-events-filters'));
      await page.waitForSelector(
        `${tid('bus-events-tab')} ${tid('bus-events-table')}, ${tid('bus-events-tab')} ${tid('empty-state')}`,
      );
      await shot(page, 'bus-events');
      await openTab(page, 'Bus audit');
      await page.waitForSelector(`${tid('bus-audit-tab')} ${tid('audit-table')}`);
      await page.waitForFunction(() => {
        const table = document.querySelector(
          '[data-testid="bus-audit-tab"] [data-testid="audit-table"]',
        );
        return (
          table?.textContent?.includes('bus.route.created') &&
          table.textContent.includes('bus.route.updated')
        );
      });
      await shot(page, 'bus-audit');
      await openTab(page, 'Routes');
      await page.waitForSelector(`${tid('bus-routes-table')} tr[data-name="e2e-ping"]`);
      await shot(page, 'bus');
    },
  );

  await scenario('switch to Chinese and see Chinese labels', page, errors, async () => {
    await nav(page, 'dashboard', 'page-dashboard');
    await page.click(tid('lang-zh'));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="nav-agents"]')?.textContent?.includes('代理'),
    );
    assert(
      (await page.textContent(tid('logout')))?.includes('退出登录'),
      'logout label in Chinese',
    );
    assert(
      (await page.evaluate(() => localStorage.getItem('opstage.language'))) === 'zh-CN',
      'choice stored',
    );
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector(tid('page-dashboard'));
    assert((await page.textContent('h1'))?.includes('仪表盘'), 'still Chinese after reload');
    await shot(page, 'dashboard-zh');
    await openService(page);
    await page.getByRole('tab', { name: '操作', exact: true }).click();
    await page.waitForSelector(tid('action-echo'));
    await shot(page, 'service-actions-zh');
    await nav(page, 'bus', 'page-bus');
    await page.waitForSelector(tid('bus-routes-table'));
    assert(
      (await page.textContent(tid('bus-experimental')))?.includes('实验性'),
      'experimental marker in Chinese',
    );
    await shot(page, 'bus-zh');
    await page.click(tid('lang-en'));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="nav-agents"]')?.textContent?.includes('Agents'),
    );
  });

  const viewerContext = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  const vpage = await viewerContext.newPage();
  vpage.setDefaultTimeout(TIMEOUT);
  const verrors = watch(vpage);

  await scenario('viewer sees no mutating controls', vpage, verrors, async () => {
    await login(vpage, VIEWER);
    assert(
      (await vpage.textContent(tid('current-role')))?.includes('viewer'),
      'header shows viewer',
    );
    assert((await vpage.locator(tid('nav-users')).count()) === 0, 'no Users menu for viewers');
    await nav(vpage, 'agents', 'page-agents');
    await vpage.waitForSelector(tid('agent-row-demo-agent'));
    assert(
      (await vpage.locator('[data-testid^="agent-op-"]').count()) === 0,
      'no agent operations',
    );
    await vpage.click(tid('agent-row-demo-agent'));
    await vpage.waitForSelector(tid('page-agent-detail'));
    assert(
      (await vpage.locator(tid('agent-recovery-token')).count()) === 0,
      'no recovery token for viewers',
    );
    await nav(vpage, 'agents', 'page-agents');
    await shot(vpage, 'viewer-agents');
    await openService(vpage);
    await openTab(vpage, 'Actions');
    await vpage.waitForSelector(tid('readonly-banner'));
    await vpage.waitForSelector(tid('action-readonly-echo'));
    assert(
      (await vpage.locator('button[data-testid^="action-"]').count()) === 0,
      'no action buttons',
    );
    await shot(vpage, 'viewer-service-actions');
    await nav(vpage, 'commands', 'page-commands');
    await vpage.waitForSelector(tid('commands-table'));
    assert(
      (await vpage.locator(`${tid('command-cancel')}, ${tid('command-retry')}`).count()) === 0,
      'no cancel/retry',
    );
    await nav(vpage, 'registration-tokens', 'page-registration-tokens');
    await vpage.waitForSelector(tid('tokens-table'));
    assert(
      (await vpage
        .locator(`${tid('token-create')}, ${tid('token-revoke')}, ${tid('token-delete')}`)
        .count()) === 0,
      'no token mutations',
    );
    await nav(vpage, 'audit-events', 'page-audit');
    await vpage.waitForSelector(tid('audit-table'));
    assert(
      (await vpage.locator(`${tid('export-csv')}, ${tid('export-json')}`).count()) === 0,
      'no export for viewers',
    );
    await nav(vpage, 'settings', 'page-settings');
    await vpage.waitForSelector(tid('readonly-banner'));
    assert(
      (await vpage
        .locator(`${tid('settings-save')}, ${tid('maintenance-run')}, ${tid('backup-download')}`)
        .count()) === 0,
      'no settings mutations',
    );
    await vpage.goto(`${BASE}/users`, { waitUntil: 'domcontentloaded' });
    await vpage.waitForSelector(tid('page-dashboard'));
  });
  await scenario('viewer sees the Capsule Bus read-only', vpage, verrors, async () => {
    await nav(vpage, 'bus', 'page-bus');
    await vpage.waitForSelector(tid('readonly-banner'));
    await vpage.waitForSelector(
      `${tid('bus-routes-table')} tr[data-name="e2e-ping"] [data-status="DISABLED"]`,
    );
    const mutating = [
      tid('route-create'),
      tid('route-edit'),
      tid('route-delete'),
      tid('route-status-switch'),
      '[data-testid^="route-set-"]',
    ].join(', ');
    assert(
      (await vpage.locator(mutating).count()) === 0,
      'no create/edit/delete/status controls on /bus for viewers',
    );
    await shot(vpage, 'viewer-bus');
  });
  await viewerContext.close();

  await scenario('401 mid-session lands on /login with the return URL', page, errors, async () => {
    await nav(page, 'commands', 'page-commands');
    await owner.clearCookies();
    await page.click(tid('nav-agents'));
    await page.waitForURL(/\/login\?returnUrl=/);
    await page.waitForSelector(tid('login-session-ended'));
    assert(
      decodeURIComponent(page.url()).includes('returnUrl=/agents'),
      `return URL kept, got ${page.url()}`,
    );
    await shot(page, 'session-expired-login');
    await page.fill(tid('login-username'), OWNER.username);
    await page.fill(tid('login-password'), OWNER.password);
    await page.click(tid('login-submit'));
    await page.waitForSelector(tid('page-agents'));
  });
  await owner.close();
} catch (error) {
  results.push({ name: 'suite setup', ok: false });
  log(`FAIL - suite setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser?.close();
}

finish();
