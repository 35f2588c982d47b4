// Extra agents for the browser suites, next to the stack's demo agent: real @opstage/agent-node
// agents (the built SDK) running inside the suite's process, registered with tokens the suite
// creates through the admin API. `fleet()` starts the three agents the operations walk uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdminClient, root, waitFor } from '../../../scripts/lib/stack.mjs';
import { BASE, OWNER } from './harness.mjs';

const sdk = await import(pathToFileURL(join(root, 'sdk', 'dist', 'index.js')).href);

export const LONG = {
  agentCode: 'emea-billing-edge-agent-frankfurt-02',
  agentName: 'EMEA billing edge agent (Frankfurt, rack 7, primary during month-end close)',
  serviceCode: 'emea-legacy-billing-invoicing-reconciliation-adapter-primary',
  serviceName:
    'Customer invoicing reconciliation adapter for the EMEA legacy billing platform (primary instance, do not restart during month-end close)',
  healthMessage: 'Upstream billing API answers slowly (p95 4.2 s over the last 5 minutes)',
};

/** An owner session on the admin API (setup and assertions that are not about the browser). */
export async function adminApi() {
  const api = new AdminClient(BASE);
  await api.login(OWNER.username, OWNER.password);
  return api;
}

/**
 * Starts one SDK agent. `health` is a mutable object the provider reads, so a suite can change
 * the reported health; `reportNow()` sends it at once.
 */
export async function startAgent(
  api,
  { agentCode, agentName, serviceCode, serviceName, health, labels = {}, actions = [] },
) {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-e2e-agent-'));
  const token = await api.call('POST', '/api/admin/registration-tokens', {
    name: `e2e-${agentCode}`,
    expiresInSeconds: 600,
  });
  const agent = new sdk.CapsuleAgent({
    backendUrl: BASE,
    registrationToken: token.token,
    tokenStore: { file: join(dir, 'token.json') },
    agent: { code: agentCode, name: agentName },
    service: {
      code: serviceCode,
      name: serviceName,
      version: '3.14.159-rc.2+build.20260101',
      description: 'Browser-suite agent.',
    },
    manifest: { labels },
    logLevel: 'error',
    env: {},
  });
  agent.health(() => ({ ...health }));
  agent.action({
    name: 'echo',
    label: 'Echo',
    category: 'diagnostics',
    handler: (payload) => sdk.actionSuccess({ echo: payload }),
  });
  for (const action of actions) agent.action(action);
  await agent.start();
  const services = await waitFor(async () => {
    const list = await api.call(
      'GET',
      `/api/admin/capsule-services?q=${encodeURIComponent(serviceCode)}`,
    );
    return list.find((s) => s.code === serviceCode);
  }, `service ${serviceCode}`);
  return {
    agent,
    health,
    serviceId: services.id,
    agentId: services.agentId,
    async stop() {
      await agent.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The operations walk's fleet: the stack's demo agent (healthy), a degraded agent with very long
 * names, and an agent that was started and then stopped (OFFLINE once the threshold passed).
 */
export async function fleet(api) {
  const degraded = await startAgent(api, {
    agentCode: LONG.agentCode,
    agentName: LONG.agentName,
    serviceCode: LONG.serviceCode,
    serviceName: LONG.serviceName,
    health: { status: 'DEGRADED', message: LONG.healthMessage },
    labels: { team: 'billing', region: 'emea', tier: 'critical' },
  });
  const stopped = await startAgent(api, {
    agentCode: 'nightly-report-agent',
    agentName: 'Nightly report agent',
    serviceCode: 'nightly-report-exporter',
    serviceName: 'Nightly report exporter',
    health: { status: 'UP', message: 'Idle.' },
    labels: { team: 'analytics', region: 'us' },
  });
  await stopped.stop();
  return {
    degraded,
    stopped,
    async stop() {
      await degraded.stop();
    },
  };
}

/** Waits until the admin API reports `status` for the service (effective status). */
export function serviceStatus(api, serviceId, status, timeoutMs = 30_000) {
  return waitFor(
    async () =>
      (await api.call('GET', `/api/admin/capsule-services/${serviceId}`)).status === status,
    `service ${serviceId} ${status}`,
    timeoutMs,
  );
}

/** Number of commands matching the query (the list's pagination total). */
export async function commandTotal(api, query) {
  const res = await fetch(
    `${BASE}/api/admin/commands?${new URLSearchParams({ ...query, pageSize: '1' })}`,
    { headers: { cookie: api.cookie } },
  );
  const body = await res.json();
  if (!res.ok) throw new Error(`commands ${res.status} ${JSON.stringify(body)}`);
  return body.pagination.total;
}

/**
 * The fleet plus a failed run on the demo service, once the stopped agent is OFFLINE: what the
 * dashboard, the tables and the screenshots show as "wrong now".
 */
export async function problemFleet(api) {
  const agents = await fleet(api);
  const demo = (await api.call('GET', '/api/admin/capsule-services?q=demo-service'))[0];
  // Something that was tried and failed: an account the demo service does not know.
  const failed = await api.call(
    'POST',
    `/api/admin/capsule-services/${demo.id}/actions/show-account`,
    { payload: { accountId: 'acc_missing' } },
  );
  await waitFor(
    async () => (await api.call('GET', `/api/admin/commands/${failed.id}`)).status === 'FAILED',
    'the failed run',
  );
  await waitFor(
    async () =>
      (await api.call('GET', `/api/admin/agents/${agents.stopped.agentId}`)).effectiveStatus ===
      'OFFLINE',
    'the stopped agent to be OFFLINE',
    30_000,
  );
  return { agents, demo, failed };
}
