// Strict page walk for the browser suites walk-bus-off / walk-bus-on: every console page, for owner,
// operator and viewer, loaded both by a full page load and by in-app navigation. Unlike the
// harness's watch(), nothing is forgiven: any response >= 400, any failed request and any
// browser console error or page error fails the page. A disabled feature must not be called at
// all: with the Capsule Bus off, no request may go to /api/admin/bus.
import {
  BASE,
  OWNER,
  VIEWER,
  TIMEOUT,
  tid,
  log,
  results,
  scenario,
  login,
  launchBrowser,
  finish,
} from './harness.mjs';

const OPERATOR = {
  username: process.env.E2E_OPERATOR_USER ?? 'operator',
  password: process.env.E2E_OPERATOR_PASS ?? '',
};
const SERVICE_TABS = ['overview', 'manifest', 'health', 'configs', 'actions', 'commands', 'audit'];
/** A page is settled when no request has been in flight for this long. */
const QUIET_MS = 600;

/** Every request the page makes, and every way one can go wrong. */
function strictWatch(page) {
  const problems = [];
  const requests = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  const touch = () => (lastActivity = Date.now());
  // The live event stream (docs/console.md) stays open for the page's lifetime by design: it is
  // checked like every request (status, failure) but never counted as in flight.
  const longLived = (req) => new URL(req.url()).pathname === '/api/admin/events/stream';
  page.on('request', (req) => {
    if (!longLived(req)) inFlight += 1;
    touch();
    requests.push(new URL(req.url()).pathname);
  });
  page.on('requestfinished', (req) => {
    if (!longLived(req)) inFlight -= 1;
    touch();
  });
  page.on('requestfailed', (req) => {
    if (!longLived(req)) inFlight -= 1;
    touch();
    const reason = req.failure()?.errorText ?? 'failed';
    // ERR_ABORTED is the page cancelling its own request (navigation, an unsubscribed XHR), not a failure.
    if (reason !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${req.method()} ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400)
      problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return {
    problems,
    requests,
    /** Waits until nothing was in flight for QUIET_MS, counted from now at the earliest. */
    async settle() {
      const start = Date.now();
      const deadline = start + TIMEOUT;
      while (inFlight > 0 || Date.now() - Math.max(lastActivity, start) < QUIET_MS) {
        if (Date.now() > deadline)
          throw new Error(`page never went quiet (${inFlight} requests in flight)`);
        await page.waitForTimeout(100);
      }
    },
  };
}

/** Ids the detail pages need, read with the owner's session through the API. */
async function fixtures(page, busOn) {
  const get = async (path) => {
    const res = await page.request.get(`${BASE}${path}`);
    if (!res.ok()) throw new Error(`${path} -> ${res.status()}`);
    return (await res.json()).data;
  };
  const services = await get('/api/admin/capsule-services?q=demo-service');
  const service = services.find((s) => s.code === 'demo-service');
  const commands = await get(
    `/api/admin/commands?serviceId=${service.id}&status=SUCCEEDED&pageSize=1`,
  );
  const audit = await get('/api/admin/audit-events?pageSize=1');
  if (!commands[0]) throw new Error('fixture: no finished command of demo-service');
  return {
    serviceId: service.id,
    agentId: service.agentId,
    commandId: commands[0].id,
    auditId: audit[0].id,
    busOn,
  };
}

/** Runs one finished echo command as the owner, so command pages have something to show. */
async function seedCommand(page) {
  const me = await (await page.request.get(`${BASE}/api/admin/auth/me`)).json();
  const services = (
    await (await page.request.get(`${BASE}/api/admin/capsule-services?q=demo-service`)).json()
  ).data;
  const res = await page.request.post(
    `${BASE}/api/admin/capsule-services/${services[0].id}/actions/echo`,
    {
      headers: { 'X-CSRF-Token': me.data.csrfToken },
      data: { payload: { message: 'page walk' } },
    },
  );
  if (!res.ok()) throw new Error(`seed command: ${res.status()} ${await res.text()}`);
  const id = (await res.json()).data.id;
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const detail = (await (await page.request.get(`${BASE}/api/admin/commands/${id}`)).json()).data;
    if (detail.status === 'SUCCEEDED') return;
    if (Date.now() > deadline) throw new Error(`seed command stuck in ${detail.status}`);
    await page.waitForTimeout(200);
  }
}

/** [url, page test id] for every page this role may open; other URLs bounce to the dashboard. */
function pagesFor(role, f) {
  const pages = [
    ['/', 'page-dashboard'],
    ['/agents', 'page-agents'],
    [`/agents/${f.agentId}`, 'page-agent-detail'],
    ['/services', 'page-services'],
    ...SERVICE_TABS.map((tab) => [
      `/services/${f.serviceId}${tab === 'overview' ? '' : `?tab=${tab}`}`,
      'service-tabs',
    ]),
    ['/commands', 'page-commands'],
    [`/commands/${f.commandId}`, 'page-command-detail'],
    ['/schedules', 'page-schedules'],
    ['/audit-events', 'page-audit'],
    [`/audit-events/${f.auditId}`, 'page-audit-detail'],
    ['/registration-tokens', 'page-registration-tokens'],
    ['/settings', 'page-settings'],
    ['/notifications', 'page-notifications'],
    ['/users', role === 'owner' ? 'page-users' : 'page-dashboard'],
    ['/bus', f.busOn ? 'page-bus' : 'page-dashboard'],
  ];
  return pages;
}

/** One page check: open it, let it settle, and fail on anything the watcher saw meanwhile. */
function checkPage(page, watcher, name, open, busOn) {
  return scenario(name, page, watcher.problems, async () => {
    const before = watcher.requests.length;
    await open();
    await watcher.settle();
    const busCalls = busOn
      ? []
      : watcher.requests.slice(before).filter((p) => p.startsWith('/api/admin/bus'));
    if (busCalls.length) throw new Error(`request to a disabled feature: ${busCalls.join(', ')}`);
  });
}

async function walkRole(browser, role, user, f) {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const watcher = strictWatch(page);
  const bus = f.busOn ? 'bus on' : 'bus off';
  await checkPage(page, watcher, `${role} (${bus}): login`, () => login(page, user), f.busOn);
  // Full page loads: each page boots the console from scratch (session probe, version, features).
  for (const [url, testId] of pagesFor(role, f)) {
    await checkPage(
      page,
      watcher,
      `${role} (${bus}): load ${url}`,
      async () => {
        await page.goto(`${BASE}${url}`, { waitUntil: 'domcontentloaded' });
        await page.waitForSelector(tid(testId));
      },
      f.busOn,
    );
  }
  if (f.busOn) {
    for (const tab of ['Events', 'Bus audit', 'Routes']) {
      await checkPage(
        page,
        watcher,
        `${role} (${bus}): bus tab ${tab}`,
        () => page.getByRole('tab', { name: tab, exact: true }).click(),
        f.busOn,
      );
    }
  }
  // In-app navigation: every sidebar entry this role sees, in order.
  await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(tid('page-dashboard'));
  await watcher.settle();
  // Only the sidebar links: nav-toggle is the phone/tablet menu button, hidden at this width.
  const navIds = await page.$$eval('a[data-testid^="nav-"]', (els) =>
    els.map((e) => e.getAttribute('data-testid').slice(4)),
  );
  const expectedBus = navIds.includes('bus');
  await checkPage(
    page,
    watcher,
    `${role} (${bus}): sidebar ${expectedBus ? 'shows' : 'hides'} the bus`,
    async () => {
      if (expectedBus !== f.busOn) throw new Error(`sidebar entries: ${navIds.join(', ')}`);
    },
    f.busOn,
  );
  for (const id of navIds) {
    await checkPage(
      page,
      watcher,
      `${role} (${bus}): navigate to ${id}`,
      async () => {
        await page.click(tid(`nav-${id}`));
        await page.waitForURL((u) =>
          id === 'dashboard' ? u.pathname === '/' : u.pathname.startsWith(`/${id}`),
        );
      },
      f.busOn,
    );
  }
  await context.close();
}

/** The whole walk for one server configuration; prints the suite summary and exits. */
export async function runWalk({ busOn }) {
  let browser;
  try {
    browser = await launchBrowser();
    const setup = await browser.newContext();
    const page = await setup.newPage();
    await login(page, OWNER);
    await seedCommand(page);
    const f = await fixtures(page, busOn);
    await setup.close();
    for (const [role, user] of [
      ['owner', OWNER],
      ['operator', OPERATOR],
      ['viewer', VIEWER],
    ])
      await walkRole(browser, role, user, f);
  } catch (error) {
    results.push({ name: 'walk setup', ok: false });
    log(`FAIL - walk setup: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    await browser?.close();
  }
  finish();
}
