import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, TEST_ADMIN } from '../support/create-test-app';
import { generateRequest, type FuzzContext, type FuzzRequest, type PrincipalName } from './generators';
import { operationsOf, type OpenApiDocument } from './openapi';
import { Rng } from './rng';

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Run only this request index (replay). */
  only?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface FuzzFailure {
  reason: string;
  request: FuzzRequest;
  status?: number;
  response?: string;
}

export interface FuzzReport {
  seed: number;
  sent: number;
  operations: number;
  byStatus: Record<string, number>;
  failures: FuzzFailure[];
  /** Lines the server logged at level error (an unhandled error is one). */
  errorLogs: string[];
  health: { status: number; body: string };
  seconds: number;
}

/** Routes the fuzzer never calls: they would end its own sessions and make later requests meaningless. */
const EXCLUDED = new Set(['POST /api/admin/auth/logout']);
const REQUEST_TIMEOUT_MS = 40_000;

/**
 * Starts the real application (real SQLite file, real HTTP on a loopback port) with every
 * optional surface on, signs in as each principal, reads `/api/docs-json`, and sends `requests`
 * generated requests. A 5xx, a hung request, an error line in the server log or an unhealthy
 * server afterwards is a failure; each failure carries the request to replay
 * (`npm run fuzz -- --seed S --only I`).
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const errorLogs: string[] = [];
  const restore = captureErrorLogs(errorLogs);
  const t = await createTestApp({
    listen: true,
    env: {
      OPSTAGE_CAPSULE_BUS_ENABLED: 'true',
      OPSTAGE_METRICS_ENABLED: 'true',
      OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS: '1',
      OPSTAGE_LOG_LEVEL: 'error',
    },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    const ctx = await setUp(base, agent);
    const doc = JSON.parse(
      (await send(base, agent, { method: 'GET', path: '/api/docs-json', headers: {} })).body,
    ) as OpenApiDocument;
    const operations = operationsOf(doc).filter((op) => !EXCLUDED.has(`${op.method} ${op.path}`));
    const byStatus: Record<string, number> = {};
    const failures: FuzzFailure[] = [];
    const indexes =
      options.only !== undefined ? [options.only] : Array.from({ length: options.requests }, (_v, i) => i);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < indexes.length) {
        const index = indexes[next++]!;
        const rng = Rng.forRequest(options.seed, index);
        const req = generateRequest(rng, index, rng.pick(operations), ctx);
        try {
          const res = await send(base, agent, req);
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500 && !isDocumentedTimeout(res))
            failures.push({
              reason: `HTTP ${res.status}`,
              request: req,
              status: res.status,
              response: res.body.slice(0, 500),
            });
        } catch (error) {
          failures.push({ reason: error instanceof Error ? error.message : String(error), request: req });
        }
        if (options.log && (index + 1) % 10_000 === 0)
          options.log(`fuzz: ${index + 1} requests, ${failures.length} failures`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, indexes.length) }, () => worker()));
    const health = await send(base, agent, { method: 'GET', path: '/api/system/health', headers: {} });
    return {
      seed: options.seed,
      sent: indexes.length,
      operations: operations.length,
      byStatus,
      failures,
      errorLogs,
      health,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    agent.destroy();
    await t.close();
    restore();
  }
}

/** The server is healthy afterwards: 200 and not DOWN. */
export function healthy(report: FuzzReport): boolean {
  if (report.health.status !== 200) return false;
  try {
    return (JSON.parse(report.health.body) as { data?: { status?: string } }).data?.status !== 'DOWN';
  } catch {
    return false;
  }
}

/** A failure as one line of JSON: everything needed to send the same request again. */
export function describeFailure(seed: number, f: FuzzFailure): string {
  const body =
    f.request.body !== undefined && f.request.body.length > 2000
      ? `${f.request.body.slice(0, 2000)}… (${f.request.body.length} bytes)`
      : f.request.body;
  return JSON.stringify({
    reason: f.reason,
    replay: `npm run fuzz -- --seed ${seed} --only ${f.request.index}`,
    ...f.request,
    body,
    response: f.response,
  });
}

async function setUp(base: string, agent: Agent): Promise<FuzzContext> {
  const call = async (
    method: string,
    path: string,
    who: { cookie?: string; csrf?: string; bearer?: string },
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who.cookie) headers.cookie = `opstage_session=${who.cookie}`;
    if (who.csrf) headers['x-csrf-token'] = who.csrf;
    if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
    const res = await send(base, agent, {
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`fuzz set-up: ${method} ${path} → ${res.status} ${res.body.slice(0, 300)}`);
    return ((JSON.parse(res.body) as { data: unknown }).data ?? {}) as Record<string, unknown>;
  };
  const login = async (username: string, password: string): Promise<{ cookie: string; csrf: string }> => {
    const res = await send(base, agent, {
      method: 'POST',
      path: '/api/admin/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = /opstage_session=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
    if (res.status !== 200 || !cookie) throw new Error(`fuzz set-up: login ${username} → ${res.status}`);
    return { cookie, csrf: (JSON.parse(res.body) as { data: { csrfToken: string } }).data.csrfToken };
  };
  const owner = await login(TEST_ADMIN.username, TEST_ADMIN.password);
  const asOwner = { cookie: owner.cookie, csrf: owner.csrf };
  const users: Partial<Record<PrincipalName, { cookie: string; csrf: string }>> = { owner };
  const userIds: string[] = [];
  for (const role of ['viewer', 'operator'] as const) {
    const created = await call('POST', '/api/admin/users', asOwner, {
      username: `fuzz-${role}`,
      password: `fuzz-${role}-password`,
      role,
    });
    userIds.push(String(created.id));
    users[role] = await login(`fuzz-${role}`, `fuzz-${role}-password`);
  }
  const victimUser = await call('POST', '/api/admin/users', asOwner, {
    username: 'fuzz-victim',
    password: 'fuzz-victim-password',
    role: 'viewer',
  });
  const service = (code: string) => ({
    code,
    name: code,
    version: '1.0.0',
    manifest: { kind: 'CapsuleService', code, name: code, version: '1.0.0' },
    health: { status: 'UP' },
    configs: [{ key: 'mode', type: 'string', valuePreview: 'x' }],
    actions: [
      { name: 'echo', label: 'Echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
      { name: 'danger', label: 'Danger', dangerLevel: 'HIGH', requiresConfirmation: true },
    ],
  });
  const register = async (code: string): Promise<{ agentId: string; agentToken: string }> => {
    const token = await call('POST', '/api/admin/registration-tokens', asOwner, { name: code });
    const reg = await call(
      'POST',
      '/api/agents/register',
      {},
      {
        registrationToken: token.token,
        agent: { code, name: code, runtime: 'nodejs' },
        service: service(`svc-${code}`),
      },
    );
    return { agentId: String(reg.agentId), agentToken: String(reg.agentToken) };
  };
  const main = await register('fuzz-agent');
  const victim = await register('fuzz-victim');
  const serviceReport = await call(
    'POST',
    `/api/agents/${main.agentId}/services/report`,
    { bearer: main.agentToken },
    { services: [service('svc-fuzz-agent')] },
  );
  const serviceId = (serviceReport.services as { id: string }[])[0]!.id;
  const command = await call('POST', `/api/admin/capsule-services/${serviceId}/actions/echo`, asOwner, {
    payload: { text: 'hi' },
  });
  const token = await call('POST', '/api/admin/registration-tokens', asOwner, { name: 'fuzz-spare' });
  const route = await call('POST', '/api/admin/bus/routes', asOwner, {
    name: 'fuzz-route',
    eventType: 'fuzz.event',
    targetServiceCode: 'svc-fuzz-agent',
    actionName: 'echo',
  }).catch(() => ({ id: 'brt_none' }));
  const audit = (
    await send(base, agent, {
      method: 'GET',
      path: '/api/admin/audit-events?pageSize=1',
      headers: { cookie: `opstage_session=${owner.cookie}` },
    })
  ).body;
  const auditId = /"id":"(aud_[^"]+)"/.exec(audit)?.[1] ?? 'aud_none';
  return {
    cookies: Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.cookie])),
    csrf: Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.csrf])),
    agentId: main.agentId,
    agentToken: main.agentToken,
    ids: {
      agentId: [main.agentId, victim.agentId],
      serviceId: [serviceId],
      commandId: [String(command.id)],
      tokenId: [String(token.id)],
      userId: [...userIds, String(victimUser.id)],
      eventId: [auditId],
      auditEventId: [auditId],
      routeId: [String(route.id)],
      actionName: ['echo', 'danger', 'missing'],
      name: ['webhook-notifier', 'example'],
    },
    sacrificial: { agentId: [victim.agentId], userId: [String(victimUser.id)] },
  };
}

/**
 * A prepare the agent did not answer in time is a 504 with a stable code by design
 * (docs/actions-and-commands.md): the fuzz agent never answers prepares. Any other 5xx is a finding.
 */
function isDocumentedTimeout(res: { status: number; body: string }): boolean {
  if (res.status !== 504) return false;
  try {
    return (JSON.parse(res.body) as { error?: { code?: string } }).error?.code === 'ACTION_PREPARE_TIMEOUT';
  } catch {
    return false;
  }
}

interface Sendable {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function send(
  base: string,
  agent: Agent,
  req: Sendable,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const r = httpRequest(
      `${base}${req.path}`,
      { method: req.method, headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        // The live event stream (docs/api.md) never ends and its keepalives defeat the idle timeout:
        // its status and headers are the answer, then the stream is closed.
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Collects server log lines at level error while the run lasts (the app logs JSON lines to stderr). */
function captureErrorLogs(into: string[]): () => void {
  const original = process.stderr.write.bind(process.stderr);
  const patched = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) if (line.includes('"level":"error"')) into.push(line.slice(0, 2000));
    return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  };
  process.stderr.write = patched;
  const onUnhandled = (error: unknown): void => {
    into.push(`unhandled: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  process.on('unhandledRejection', onUnhandled);
  return () => {
    process.stderr.write = original;
    process.off('unhandledRejection', onUnhandled);
  };
}
