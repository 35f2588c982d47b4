import { fetch as undiciFetch } from 'undici';
import {
  CapsuleAgent,
  type ActionContext,
  type AgentFetch,
  type CapsuleAgentError,
  type JsonObject,
  type LogRecord,
  type TokenStore,
} from '@opstage/agent-node';
import { CommandNotifier } from '../../src/commands/command-notifier';
import type { TestApp } from './create-test-app';
import type { AdminClient } from './http';
import { waitFor } from './wait';

/**
 * Support for test/sdk.e2e-spec.ts: real `CapsuleAgent`s with short intervals whose HTTP traffic
 * is recorded (undici's fetch with the SDK's own dispatcher, wrapped), plus the operator calls
 * the scenarios drive through the admin API.
 */

export interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

export interface CommandDetail {
  id: string;
  type: string;
  actionName: string;
  status: string;
  agentId: string;
  serviceId: string;
  errorCode: string | null;
  errorMessage: string | null;
  result: {
    success: boolean;
    message: string | null;
    data: Record<string, unknown>;
    error: Record<string, unknown>;
  } | null;
}

export interface AgentDetail {
  id: string;
  code: string;
  status: string;
  effectiveStatus: string;
  lastHeartbeatAt: string | null;
}

/** One HTTP request the SDK made. `endedAt` is unset while it is pending (a held long-poll). */
export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  startedAt: number;
  endedAt?: number;
  status?: number;
}

export interface Harness {
  agent: CapsuleAgent;
  requests: RequestRecord[];
  errors: CapsuleAgentError[];
  events: string[];
  logs: LogRecord[];
}

export interface HarnessInit {
  code: string;
  tokenStore: TokenStore | { file: string };
  registrationToken?: string;
  /** Extra manifest fields (e.g. `labels`). */
  manifest?: JsonObject;
  setup?: (agent: CapsuleAgent) => void;
}

/** The fallback poll cadence; long-poll dispatch must beat it by far. */
export const COMMAND_POLL_MS = 10_000;
export const HEARTBEAT_MS = 250;
export const DISABLED_PROBE_MS = 1_000;
export const LONG_POLL_SECONDS = 25;

export const isHeartbeat = (r: RequestRecord): boolean => r.method === 'POST' && r.path.endsWith('/heartbeat');
export const isPoll = (r: RequestRecord): boolean => r.method === 'GET' && r.path.endsWith('/commands');
export const isReport = (r: RequestRecord): boolean => r.method === 'POST' && r.path.endsWith('/services/report');
export const isRegister = (r: RequestRecord): boolean => r.path === '/api/agents/register';
export const isResultFor =
  (commandId: string) =>
  (r: RequestRecord): boolean =>
    r.method === 'POST' && r.path.endsWith(`/commands/${commandId}/result`);

/** undici's fetch (the SDK passes its per-agent dispatcher in `init`) plus a record of every request. */
export function recordingFetch(log: RequestRecord[]): AgentFetch {
  return async (url, init) => {
    const parsed = new URL(url);
    const record: RequestRecord = {
      method: init.method,
      path: parsed.pathname,
      query: parsed.search,
      startedAt: Date.now(),
    };
    log.push(record);
    try {
      const response = await undiciFetch(url, init);
      record.status = response.status;
      return response;
    } finally {
      record.endedAt = Date.now();
    }
  };
}

/** An `echo` action; `onStart` sees the handler start time, payload and context. */
export function echoAction(
  agent: CapsuleAgent,
  onStart?: (at: number, payload: JsonObject, ctx: ActionContext) => void,
): void {
  agent.action({
    name: 'echo',
    label: 'Echo',
    inputSchema: { type: 'object', properties: { message: { type: 'string' }, n: { type: 'integer' } } },
    handler: (payload, ctx) => {
      onStart?.(Date.now(), payload, ctx);
      return { echo: payload, commandId: ctx.commandId };
    },
  });
}

/** The backend under test, its operator, and every agent started by a test (stopped by `stopAll`). */
export class SdkTestBed {
  private readonly live: CapsuleAgent[] = [];

  constructor(
    readonly t: TestApp,
    readonly admin: AdminClient,
    readonly backendUrl: string,
  ) {}

  /** Open long-poll/prepare subscriptions on the server. */
  subscriptions(): number {
    return this.t.app.get(CommandNotifier).size();
  }

  harness(init: HarnessInit): Harness {
    const requests: RequestRecord[] = [];
    const errors: CapsuleAgentError[] = [];
    const events: string[] = [];
    const logs: LogRecord[] = [];
    const agent = new CapsuleAgent({
      backendUrl: this.backendUrl,
      ...(init.registrationToken === undefined ? {} : { registrationToken: init.registrationToken }),
      service: { code: init.code, name: `Service ${init.code}`, version: '1.0.0' },
      agent: { code: init.code, name: `Agent ${init.code}` },
      ...(init.manifest === undefined ? {} : { manifest: init.manifest }),
      tokenStore: init.tokenStore,
      intervals: { heartbeatMs: HEARTBEAT_MS, commandPollMs: COMMAND_POLL_MS, serviceReportMs: 500 },
      longPollSeconds: LONG_POLL_SECONDS,
      retry: { initialDelayMs: 200, maxDelayMs: 1000, disabledDelayMs: DISABLED_PROBE_MS, startupAttempts: 3 },
      stopTimeoutMs: 2000,
      // No proxy variables or OPSTAGE_* values from the host environment.
      env: {},
      fetch: recordingFetch(requests),
      onLog: (record) => logs.push(record),
      logLevel: 'debug',
    });
    agent.health(() => ({ status: 'UP', message: 'ok' }));
    agent.on('error', (error) => errors.push(error));
    agent.on('registered', () => events.push('registered'));
    agent.on('disabled', () => events.push('disabled'));
    agent.on('enabled', () => events.push('enabled'));
    agent.on('auth-failed', () => events.push('auth-failed'));
    init.setup?.(agent);
    this.live.push(agent);
    return { agent, requests, errors, events, logs };
  }

  /** Stops every agent, then checks the server released their held long-polls. */
  async stopAll(): Promise<void> {
    const agents = this.live.splice(0);
    await Promise.all(agents.map((agent) => agent.stop({ timeoutMs: 2000 })));
    await waitFor(() => this.subscriptions() === 0, 3000, 'server-side long-poll subscriptions released');
  }

  async registrationToken(name: string): Promise<string> {
    const res = await this.admin.post('/api/admin/registration-tokens', { name });
    if (res.status !== 200)
      throw new Error(`registration token create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Envelope<{ token: string }>).data.token;
  }

  /** Operator execute; times the request so dispatch latency can be measured. */
  async execute(
    serviceId: string,
    action: string,
    payload: Record<string, unknown>,
    client: AdminClient = this.admin,
  ): Promise<{ id: string; sentAt: number; respondedAt: number }> {
    const sentAt = Date.now();
    const res = await client.post(`/api/admin/capsule-services/${serviceId}/actions/${action}`, { payload });
    const respondedAt = Date.now();
    const data = (res.body as Envelope<{ id: string; status: string; type: string }>).data;
    if (res.status !== 200 || data.status !== 'PENDING' || data.type !== 'ACTION_EXECUTE') {
      throw new Error(`execute ${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { id: data.id, sentAt, respondedAt };
  }

  async commandDetail(id: string, client: AdminClient = this.admin): Promise<CommandDetail> {
    const res = await client.get(`/api/admin/commands/${id}`);
    if (res.status !== 200) throw new Error(`command detail failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Envelope<CommandDetail>).data;
  }

  /** Reads the command (as `client`) until it has `status`. */
  waitForStatus(
    id: string,
    status: string,
    client: AdminClient = this.admin,
    timeoutMs = 5000,
  ): Promise<CommandDetail> {
    return waitFor(
      async () => {
        const detail = await this.commandDetail(id, client);
        return detail.status === status ? detail : undefined;
      },
      timeoutMs,
      `command ${id} ${status}`,
    );
  }

  async agentDetail(agentId: string): Promise<AgentDetail> {
    const res = await this.admin.get(`/api/admin/agents/${agentId}`);
    if (res.status !== 200) throw new Error(`agent detail failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Envelope<AgentDetail>).data;
  }

  /** Waits until the agent holds a long-poll: its GET …/commands?waitSeconds=25 is pending and subscribed on the server. */
  async heldLongPoll(h: Harness): Promise<RequestRecord> {
    const held = await waitFor(
      () =>
        h.requests.find(
          (r) => isPoll(r) && r.query.includes(`waitSeconds=${LONG_POLL_SECONDS}`) && r.endedAt === undefined,
        ),
      3000,
      'a pending long-poll',
    );
    await waitFor(() => this.subscriptions() >= 1, 3000, 'the long-poll subscribed on the server');
    return held;
  }
}
