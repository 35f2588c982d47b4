/**
 * A small in-process imitation of the Opstage agent API for unit tests (node:http on 127.0.0.1).
 * It keeps just enough state (registration tokens, agent tokens, a command queue, results) to
 * exercise the SDK, and lets a test script failures with `fail()`.
 */

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface ScriptedFailure {
  method: string;
  pathPattern: RegExp;
  response: FakeResponse;
  remaining: number;
}

export interface QueuedCommand {
  id: string;
  type?: 'ACTION_EXECUTE' | 'ACTION_PREPARE';
  actionName: string;
  payload?: Record<string, unknown>;
  expiresAt?: string | null;
}

export function errorBody(code: string, message = code): unknown {
  return { success: false, error: { code, message } };
}

export class FakeBackend {
  readonly requests: RecordedRequest[] = [];
  readonly results = new Map<string, unknown[]>();
  readonly registrationTokens = new Set<string>(['opstage_reg_valid']);
  readonly agentTokens = new Set<string>();
  readonly busEvents: unknown[] = [];
  /** When true, every authenticated call answers 403 AGENT_DISABLED. */
  disabled = false;
  /** When false the poll ignores waitSeconds (reference behaviour). */
  longPoll = true;
  /** Cancelled ids returned once by the next heartbeat/poll. */
  pendingCancels: string[] = [];
  private readonly queue: QueuedCommand[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly server: http.Server;
  private wakePolls: Array<() => void> = [];
  private tokenCounter = 0;
  url = '';

  private constructor() {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(): Promise<FakeBackend> {
    const backend = new FakeBackend();
    backend.server.listen(0, '127.0.0.1');
    await once(backend.server, 'listening');
    const { port } = backend.server.address() as AddressInfo;
    backend.url = `http://127.0.0.1:${port}`;
    return backend;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const wake of this.wakePolls) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Issues an agent token directly (simulates a stored credential). */
  issueAgentToken(): string {
    this.tokenCounter += 1;
    const token = `opstage_agent_test${this.tokenCounter}xxxxxxxxxxxxxxxxxxxxxxxx`;
    this.agentTokens.add(token);
    return token;
  }

  /** Scripts `times` failing answers for requests matching method and path. */
  fail(method: string, pathPattern: RegExp, response: FakeResponse, times = 1): void {
    this.failures.push({ method, pathPattern, response, remaining: times });
  }

  /** Drops every scripted failure not yet used. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  enqueue(command: QueuedCommand): void {
    this.queue.push(command);
    const waiters = this.wakePolls;
    this.wakePolls = [];
    for (const wake of waiters) wake();
  }

  /** Makes the next heartbeat or poll (a waiting long-poll is woken) carry `cancelledCommandIds`. */
  cancel(id: string): void {
    this.pendingCancels.push(id);
    const waiters = this.wakePolls;
    this.wakePolls = [];
    for (const wake of waiters) wake();
  }

  count(method: string, pathPattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
  }

  matching(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5_000, label = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
      at: Date.now(),
    };
    this.requests.push(record);
    const response = this.scripted(record) ?? (await this.route(record));
    if (res.destroyed) return;
    res.writeHead(response.status, { 'content-type': 'application/json', ...(response.headers ?? {}) });
    res.end(response.body === undefined ? '' : JSON.stringify(response.body));
  }

  private scripted(record: RecordedRequest): FakeResponse | undefined {
    const failure = this.failures.find(
      (f) => f.remaining > 0 && f.method === record.method && f.pathPattern.test(record.path),
    );
    if (!failure) return undefined;
    failure.remaining -= 1;
    return failure.response;
  }

  private async route(record: RecordedRequest): Promise<FakeResponse> {
    if (record.method === 'POST' && record.path === '/api/agents/register') return this.register(record);
    const match = /^\/api\/agents\/([^/]+)\/(.+)$/.exec(record.path);
    if (!match) return { status: 404, body: errorBody('NOT_FOUND', 'Route not found.') };
    const auth = record.headers.authorization ?? '';
    const token = auth.replace(/^Bearer\s+/i, '');
    if (!this.agentTokens.has(token)) return { status: 401, body: errorBody('UNAUTHORIZED', 'Invalid Agent token.') };
    if (this.disabled) return { status: 403, body: errorBody('AGENT_DISABLED', 'Agent is disabled.') };
    const rest = match[2] ?? '';
    if (record.method === 'POST' && rest === 'heartbeat') {
      return this.ok({
        heartbeatIntervalSeconds: 30,
        commandPollIntervalSeconds: 5,
        cancelledCommandIds: this.takeCancels(),
      });
    }
    if (record.method === 'POST' && rest === 'services/report') return this.report(record);
    if (record.method === 'GET' && rest === 'commands') return this.poll(record);
    const result = /^commands\/([^/]+)\/result$/.exec(rest);
    if (record.method === 'POST' && result?.[1]) {
      const list = this.results.get(result[1]) ?? [];
      list.push(record.body);
      this.results.set(result[1], list);
      if (list.length > 1) return { status: 409, body: errorBody('COMMAND_ALREADY_COMPLETED') };
      return this.ok({ id: `crs_${result[1]}`, commandId: result[1] });
    }
    if (record.method === 'POST' && rest === 'bus/events') {
      this.busEvents.push(record.body);
      return this.ok({ eventId: 'bev_1', experimental: 'v0.4-experimental', routedCommands: [] });
    }
    return { status: 404, body: errorBody('NOT_FOUND', 'Route not found.') };
  }

  private ok(data: unknown, extra: Record<string, unknown> = {}): FakeResponse {
    return { status: 200, body: { success: true, data, ...extra } };
  }

  private takeCancels(): string[] {
    const ids = this.pendingCancels;
    this.pendingCancels = [];
    return ids;
  }

  private register(record: RecordedRequest): FakeResponse {
    const body = record.body as { registrationToken?: string };
    if (!body.registrationToken || !this.registrationTokens.delete(body.registrationToken)) {
      return { status: 401, body: errorBody('REGISTRATION_TOKEN_INVALID', 'Invalid registration token.') };
    }
    return this.ok({
      agentId: 'agt_test',
      agentToken: this.issueAgentToken(),
      heartbeatIntervalSeconds: 30,
      commandPollIntervalSeconds: 5,
    });
  }

  private report(record: RecordedRequest): FakeResponse {
    const body = record.body as { services?: Array<{ code: string }> };
    const services = (body.services ?? []).map((s) => ({ id: `svc_${s.code}`, code: s.code, status: 'HEALTHY' }));
    return this.ok({ services });
  }

  private async poll(record: RecordedRequest): Promise<FakeResponse> {
    const wait = Number(record.query.get('waitSeconds') ?? '0');
    if (this.queue.length === 0 && this.pendingCancels.length === 0 && wait > 0 && this.longPoll) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait * 1000);
        this.wakePolls.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const limit = Math.min(10, Math.max(1, Number(record.query.get('limit') ?? '10') || 10));
    const now = new Date().toISOString();
    const commands = this.queue.splice(0, limit).map((c) => ({
      id: c.id,
      agentId: 'agt_test',
      serviceId: 'svc_demo',
      type: c.type ?? 'ACTION_EXECUTE',
      actionName: c.actionName,
      status: 'RUNNING',
      payload: c.payload ?? {},
      createdByUserId: 'usr_1',
      errorCode: null,
      errorMessage: null,
      createdAt: now,
      updatedAt: now,
      startedAt: now,
      completedAt: null,
      expiresAt: c.expiresAt ?? null,
      durationMs: null,
    }));
    return this.ok(commands, { cancelledCommandIds: this.takeCancels() });
  }
}
