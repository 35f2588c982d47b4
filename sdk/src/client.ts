/**
 * Typed calls of the agent API (docs/agents.md, "Agent API (bearer token)") with runtime narrowing of every answer.
 */

import { AgentApiError } from './errors.js';
import type { HttpTransport } from './http.js';
import type { BusEventRequest, BusEventResponse } from './protocol-bus.js';
import type {
  AgentCommand,
  CommandResultBody,
  HeartbeatRequest,
  RegisterAgentRequest,
  RegisterAgentResponse,
  ReportedServiceState,
  ServiceReportRequest,
} from './protocol.js';

/** Credentials needed for authenticated calls. */
export interface AgentAuth {
  /** Agent id (path segment). */
  agentId: string;
  /** Bearer token. */
  agentToken: string;
}

/** Narrowed heartbeat answer. */
export interface HeartbeatOutcome {
  /** Server heartbeat interval in seconds, when sent. */
  heartbeatIntervalSeconds?: number;
  /** Server poll interval in seconds, when sent. */
  commandPollIntervalSeconds?: number;
  /** Cancelled command ids (empty when absent). */
  cancelledCommandIds: string[];
}

/** Narrowed poll answer. */
export interface PollOutcome {
  /** Claimed commands. */
  commands: AgentCommand[];
  /** Cancelled command ids (empty when absent). */
  cancelledCommandIds: string[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function invalid(what: string): AgentApiError {
  return new AgentApiError({
    code: 'INVALID_RESPONSE',
    message: `Backend sent an invalid ${what} response.`,
    retryable: true,
  });
}

/** Narrows one delivered command; `undefined` when it lacks the essentials. */
export function parseCommand(value: unknown): AgentCommand | undefined {
  const raw = asObject(value);
  if (!raw) return undefined;
  const { id, type, actionName } = raw;
  if (typeof id !== 'string' || typeof actionName !== 'string' || typeof type !== 'string') return undefined;
  const status = typeof raw['status'] === 'string' ? raw['status'] : 'RUNNING';
  return {
    id,
    agentId: typeof raw['agentId'] === 'string' ? raw['agentId'] : '',
    serviceId: typeof raw['serviceId'] === 'string' ? raw['serviceId'] : '',
    type: type as AgentCommand['type'],
    actionName,
    status: status as AgentCommand['status'],
    payload: asObject(raw['payload']) ?? {},
    createdByUserId: nullableString(raw['createdByUserId']),
    errorCode: nullableString(raw['errorCode']),
    errorMessage: nullableString(raw['errorMessage']),
    createdAt: typeof raw['createdAt'] === 'string' ? raw['createdAt'] : '',
    updatedAt: typeof raw['updatedAt'] === 'string' ? raw['updatedAt'] : '',
    startedAt: nullableString(raw['startedAt']),
    completedAt: nullableString(raw['completedAt']),
    expiresAt: nullableString(raw['expiresAt']),
    durationMs: typeof raw['durationMs'] === 'number' ? raw['durationMs'] : null,
  };
}

/** Agent API client (internal). */
export class AgentApiClient {
  private readonly http: HttpTransport;

  /** @param http - transport */
  constructor(http: HttpTransport) {
    this.http = http;
  }

  /** `POST /api/agents/register`. */
  async register(body: RegisterAgentRequest, signal?: AbortSignal): Promise<RegisterAgentResponse> {
    const { data } = await this.http.request('POST', '/api/agents/register', { kind: 'register', body, signal });
    const raw = asObject(data);
    const agentId = raw?.['agentId'];
    const agentToken = raw?.['agentToken'];
    if (typeof agentId !== 'string' || typeof agentToken !== 'string' || agentId === '' || agentToken === '')
      throw invalid('register');
    return {
      agentId,
      agentToken,
      heartbeatIntervalSeconds: positiveNumber(raw?.['heartbeatIntervalSeconds']) ?? 0,
      commandPollIntervalSeconds: positiveNumber(raw?.['commandPollIntervalSeconds']) ?? 0,
    };
  }

  /** `POST /api/agents/:agentId/heartbeat`. */
  async heartbeat(auth: AgentAuth, body: HeartbeatRequest, signal?: AbortSignal): Promise<HeartbeatOutcome> {
    const { data } = await this.http.request('POST', `/api/agents/${encodeURIComponent(auth.agentId)}/heartbeat`, {
      kind: 'agent',
      token: auth.agentToken,
      body,
      signal,
    });
    const raw = asObject(data) ?? {};
    const outcome: HeartbeatOutcome = { cancelledCommandIds: stringList(raw['cancelledCommandIds']) };
    const heartbeat = positiveNumber(raw['heartbeatIntervalSeconds']);
    const poll = positiveNumber(raw['commandPollIntervalSeconds']);
    if (heartbeat !== undefined) outcome.heartbeatIntervalSeconds = heartbeat;
    if (poll !== undefined) outcome.commandPollIntervalSeconds = poll;
    return outcome;
  }

  /** `POST /api/agents/:agentId/services/report`. */
  async reportServices(
    auth: AgentAuth,
    body: ServiceReportRequest,
    signal?: AbortSignal,
  ): Promise<ReportedServiceState[]> {
    const { data } = await this.http.request(
      'POST',
      `/api/agents/${encodeURIComponent(auth.agentId)}/services/report`,
      {
        kind: 'agent',
        token: auth.agentToken,
        body,
        signal,
      },
    );
    const services = asObject(data)?.['services'];
    if (!Array.isArray(services)) throw invalid('service report');
    const out: ReportedServiceState[] = [];
    for (const item of services) {
      const raw = asObject(item);
      if (raw && typeof raw['id'] === 'string' && typeof raw['code'] === 'string') {
        out.push({ ...raw, id: raw['id'], code: raw['code'] });
      }
    }
    return out;
  }

  /**
   * `GET /api/agents/:agentId/commands?limit=&waitSeconds=`. `cancelledCommandIds` is read from
   * the envelope top level (docs/actions-and-commands.md, "Agent poll and long-poll") and, tolerantly, from an object-shaped `data`.
   */
  async pollCommands(
    auth: AgentAuth,
    limit: number,
    waitSeconds: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<PollOutcome> {
    const query: Record<string, number> = { limit };
    if (waitSeconds > 0) query['waitSeconds'] = waitSeconds;
    const { data, envelope } = await this.http.request(
      'GET',
      `/api/agents/${encodeURIComponent(auth.agentId)}/commands`,
      {
        kind: 'agent',
        token: auth.agentToken,
        query,
        timeoutMs,
        signal,
      },
    );
    const dataObject = asObject(data);
    const list = Array.isArray(data) ? data : dataObject?.['commands'];
    if (!Array.isArray(list)) throw invalid('command poll');
    const commands = list.map(parseCommand).filter((command): command is AgentCommand => command !== undefined);
    const cancelled = new Set([
      ...stringList(envelope['cancelledCommandIds']),
      ...stringList(dataObject?.['cancelledCommandIds']),
    ]);
    return { commands, cancelledCommandIds: [...cancelled] };
  }

  /** `POST /api/agents/:agentId/commands/:commandId/result`. */
  async reportResult(auth: AgentAuth, commandId: string, body: CommandResultBody, signal?: AbortSignal): Promise<void> {
    const path = `/api/agents/${encodeURIComponent(auth.agentId)}/commands/${encodeURIComponent(commandId)}/result`;
    await this.http.request('POST', path, { kind: 'agent', token: auth.agentToken, body, signal });
  }

  /** `POST /api/agents/:agentId/bus/events`. */
  async publishEvent(auth: AgentAuth, body: BusEventRequest, signal?: AbortSignal): Promise<BusEventResponse> {
    const { data } = await this.http.request('POST', `/api/agents/${encodeURIComponent(auth.agentId)}/bus/events`, {
      kind: 'agent',
      token: auth.agentToken,
      body,
      signal,
    });
    const raw = asObject(data);
    if (!raw || typeof raw['eventId'] !== 'string') throw invalid('bus event');
    const routed = Array.isArray(raw['routedCommands']) ? raw['routedCommands'] : [];
    return {
      eventId: raw['eventId'],
      experimental: typeof raw['experimental'] === 'string' ? raw['experimental'] : '',
      routedCommands: routed.filter(
        (item): item is BusEventResponse['routedCommands'][number] => asObject(item) !== undefined,
      ),
    };
  }
}
