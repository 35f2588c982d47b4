/**
 * Constructor options and environment fallbacks (sdk/README.md, "Options"), and their validation.
 * Precedence everywhere: explicit option > environment variable > default.
 */

import type { Dispatcher } from 'undici';

import type { ResolvedRetryOptions, RetryOptions } from './backoff.js';
import { AgentConfigError } from './errors.js';
import type { AgentFetch } from './http.js';
import type { AgentLoggerLike, LogLevel, LogRecord } from './logging.js';
import type { AgentMode, JsonObject, RuntimeKind } from './protocol.js';
import { FileTokenStore } from './token-store.js';
import type { TokenStore } from './token-store.js';

/** Identity of the agent (`agent` option). */
export interface AgentIdentityOptions {
  /** Upsert key of the agent, 1–80 chars `^[a-z0-9][a-z0-9_-]*$`. Env `OPSTAGE_AGENT_CODE`; default: the service code. Never random. */
  code?: string;
  /** Display name. Env `OPSTAGE_AGENT_NAME`. */
  name?: string;
  /** Default `embedded`. */
  mode?: AgentMode;
  /** Default `nodejs`. */
  runtime?: string;
  /** Reported agent version; default the SDK version. */
  version?: string;
}

/** The Capsule Service this agent represents (`service` option, required). */
export interface ServiceOptions {
  /** 1–80 chars, `^[a-z0-9][a-z0-9_-]*$`; stable across restarts and hosts. */
  code: string;
  /** 1–200 chars. */
  name: string;
  /** ≤2000 chars. */
  description?: string;
  /** The service's own version (≤80 chars). Default `0.0.0`. */
  version?: string;
  /** Default `nodejs`. */
  runtime?: RuntimeKind;
  /** Manifest `metadata`. */
  metadata?: JsonObject;
  /** Manifest `capabilities` (codes such as `demo.echo`, or objects). */
  capabilities?: unknown[];
  /** Manifest `resources`. */
  resources?: unknown[];
}

/** Loop cadences in milliseconds (`intervals` option). */
export interface IntervalOptions {
  /** Heartbeat cadence. Env `OPSTAGE_HEARTBEAT_INTERVAL_SECONDS`; default 30000 or the server's value. */
  heartbeatMs?: number;
  /** Minimum gap between empty command polls (the fallback cadence when long-poll is unavailable). Env `OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS`; default 5000 or the server's value. */
  commandPollMs?: number;
  /** Full service report cadence. Env `OPSTAGE_SERVICE_REPORT_INTERVAL_SECONDS`; default 60000. */
  serviceReportMs?: number;
}

/** Options of `new CapsuleAgent(options)`. */
export interface CapsuleAgentOptions {
  /** Opstage base URL. Env `OPSTAGE_BACKEND_URL`; default `http://localhost:8080`. */
  backendUrl?: string;
  /** One-time `opstage_reg_…` token, needed only without usable stored credentials. Env `OPSTAGE_REGISTRATION_TOKEN`. */
  registrationToken?: string;
  /** The service (required). */
  service: ServiceOptions;
  /** Agent identity. */
  agent?: AgentIdentityOptions;
  /** Extra manifest fields merged into the SDK-built manifest (e.g. `labels`, `links`). */
  manifest?: JsonObject;
  /** `{ file }` or a custom store. Env `OPSTAGE_AGENT_TOKEN_FILE`; default file `./data/agent-token.json`. */
  tokenStore?: { file: string } | TokenStore;
  /** Loop cadences. An explicitly set value (option or env) is never overridden by the server. */
  intervals?: IntervalOptions;
  /** Legacy design name; `intervals.heartbeatMs` wins. */
  heartbeatIntervalSeconds?: number;
  /** Legacy design name; `intervals.commandPollMs` wins. */
  commandPollIntervalSeconds?: number;
  /** Long-poll wait of the command fetch, 0–30 s (0 = short polling). Env `OPSTAGE_COMMAND_WAIT_SECONDS`; default 25. */
  longPollSeconds?: number;
  /** Commands executed at the same time. Default 4. */
  maxConcurrentCommands?: number;
  /** `false`: `start()` registers and reports but runs no loops; drive work with `pollOnce()`. Env `OPSTAGE_AGENT_AUTOSTART_LOOPS`; default true. */
  autoStartLoops?: boolean;
  /** Timeout of one HTTP request (long-polls add their wait). Default 15000. */
  requestTimeoutMs?: number;
  /** Default grace period of `stop()`. Default 10000. */
  stopTimeoutMs?: number;
  /** Time limit of the health and config providers. Default 5000. */
  healthTimeoutMs?: number;
  /** Results larger than this (serialized) are replaced by a `RESULT_TOO_LARGE` failure. Default 1000000. */
  maxResultBytes?: number;
  /**
   * Results waiting for the backend (an outage) kept in memory; beyond this the oldest waiting
   * result is dropped and logged (`result.lost`). Default 1000.
   */
  maxPendingResults?: number;
  /** Backoff tuning. */
  retry?: RetryOptions;
  /** Structured log sink. */
  onLog?: (record: LogRecord) => void;
  /** Console-shaped log sink (used when `onLog` is absent). */
  logger?: AgentLoggerLike;
  /** Log threshold. Env `OPSTAGE_LOG_LEVEL`; default `info`. */
  logLevel?: LogLevel;
  /** Custom fetch (receives the dispatcher in `init.dispatcher`). Default: undici `fetch`. */
  fetch?: AgentFetch;
  /** Custom undici dispatcher (custom TLS / CA). Default: a per-agent `EnvHttpProxyAgent` honouring `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`. */
  dispatcher?: Dispatcher;
  /** Environment to read fallbacks and proxy settings from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Randomness for jitter (tests). Default `Math.random`. */
  random?: () => number;
  /** Clock in epoch ms (tests). Default `Date.now`. */
  now?: () => number;
}

/** Fully resolved options (internal). */
export interface ResolvedOptions {
  backendUrl: string;
  registrationToken: string | undefined;
  service: Required<Pick<ServiceOptions, 'code' | 'name' | 'version' | 'runtime'>> & ServiceOptions;
  agent: { code: string; name: string | undefined; mode: AgentMode; runtime: string; version: string };
  manifest: JsonObject;
  tokenStore: TokenStore;
  intervals: Required<IntervalOptions>;
  explicitIntervals: { heartbeatMs: boolean; commandPollMs: boolean };
  longPollSeconds: number;
  maxConcurrentCommands: number;
  autoStartLoops: boolean;
  requestTimeoutMs: number;
  stopTimeoutMs: number;
  healthTimeoutMs: number;
  maxResultBytes: number;
  maxPendingResults: number;
  retry: ResolvedRetryOptions;
  logLevel: LogLevel;
  onLog: ((record: LogRecord) => void) | undefined;
  logger: AgentLoggerLike | undefined;
  fetch: AgentFetch | undefined;
  dispatcher: Dispatcher | undefined;
  env: Readonly<Record<string, string | undefined>>;
  random: () => number;
  now: () => number;
}

/**
 * Version of this SDK (also the default `agent.version`).
 *
 * @example
 * ```ts
 * console.log(`opstage agent ${SDK_VERSION}`);
 * ```
 */
export const SDK_VERSION = '0.5.0';

const SERVICE_CODE = /^[a-z0-9][a-z0-9_-]*$/;
const RUNTIMES: readonly RuntimeKind[] = ['nodejs', 'java', 'python', 'go', 'other'];
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function fail(option: string, message: string): never {
  throw new AgentConfigError(`Invalid option ${option}: ${message}`, option);
}

function text(value: unknown, option: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) fail(option, 'is required.');
    return undefined;
  }
  if (typeof value !== 'string') fail(option, 'must be a string.');
  if (value.trim() === '' && required) fail(option, 'must not be empty.');
  if (value.length > max) fail(option, `must be at most ${max} characters.`);
  return value;
}

function envText(env: ResolvedOptions['env'], name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(value: unknown, option: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `must be an integer between ${min} and ${max}.`);
  }
  return value;
}

function envSeconds(env: ResolvedOptions['env'], name: string, min: number, max: number): number | undefined {
  const raw = envText(env, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) fail(name, `must be a whole number of seconds, got "${raw}".`);
  return integer(Number(raw), name, min, max);
}

function envBoolean(env: ResolvedOptions['env'], name: string): boolean | undefined {
  const raw = envText(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  return fail(name, `must be true or false, got "${raw}".`);
}

function resolveBackendUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('backendUrl', `"${value}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('backendUrl', 'must use http: or https:.');
  if (url.username !== '' || url.password !== '') fail('backendUrl', 'must not contain credentials.');
  if (url.search !== '' || url.hash !== '') fail('backendUrl', 'must not contain a query or fragment.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function resolveTokenStore(
  value: CapsuleAgentOptions['tokenStore'],
  env: ResolvedOptions['env'],
  onWarning: (m: string) => void,
): TokenStore {
  if (value === undefined)
    return new FileTokenStore(envText(env, 'OPSTAGE_AGENT_TOKEN_FILE') ?? './data/agent-token.json', { onWarning });
  if (value === null || typeof value !== 'object')
    return fail('tokenStore', 'must be { file } or a store with load/save/clear.');
  if (
    'load' in value &&
    typeof value.load === 'function' &&
    typeof value.save === 'function' &&
    typeof value.clear === 'function'
  ) {
    return value;
  }
  if ('file' in value && typeof value.file === 'string' && value.file.trim() !== '')
    return new FileTokenStore(value.file, { onWarning });
  return fail('tokenStore', 'must be { file: string } or a store with load(), save() and clear().');
}

function resolveService(input: unknown): ResolvedOptions['service'] {
  if (input === null || typeof input !== 'object') return fail('service', 'is required ({ code, name, … }).');
  const service = input as ServiceOptions;
  const code = text(service.code, 'service.code', 80, true) ?? '';
  if (!SERVICE_CODE.test(code))
    fail('service.code', `"${code}" must match ${SERVICE_CODE.source} (lower-case, digits, - and _).`);
  const name = text(service.name, 'service.name', 200, true) ?? '';
  text(service.description, 'service.description', 2000, false);
  const version = text(service.version, 'service.version', 80, false) ?? '0.0.0';
  const runtime = service.runtime ?? 'nodejs';
  if (!RUNTIMES.includes(runtime)) fail('service.runtime', `must be one of ${RUNTIMES.join(', ')}.`);
  return { ...service, code, name, version, runtime };
}

/**
 * Validates options and applies environment fallbacks and defaults.
 *
 * @param options - constructor options
 * @param onTokenFileWarning - sink for token-file warnings
 * @throws AgentConfigError with code `INVALID_OPTION`
 */
export function resolveOptions(
  options: CapsuleAgentOptions,
  onTokenFileWarning: (message: string) => void,
): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options', 'must be an object.');
  const env = options.env ?? process.env;
  const service = resolveService(options.service);

  const backendUrl = resolveBackendUrl(
    text(options.backendUrl, 'backendUrl', 2000, false) ??
      envText(env, 'OPSTAGE_BACKEND_URL') ??
      'http://localhost:8080',
  );
  const registrationToken =
    text(options.registrationToken, 'registrationToken', 512, false)?.trim() ||
    envText(env, 'OPSTAGE_REGISTRATION_TOKEN');
  if (registrationToken !== undefined && !registrationToken.startsWith('opstage_reg_')) {
    fail('registrationToken', 'must start with opstage_reg_ (create one in the console under Registration Tokens).');
  }

  const agentInput = options.agent ?? {};
  const agentCode =
    text(agentInput.code, 'agent.code', 80, false) ?? envText(env, 'OPSTAGE_AGENT_CODE') ?? service.code;
  if (!SERVICE_CODE.test(agentCode) || agentCode.length > 80)
    fail('agent.code', `"${agentCode}" must be 1–80 characters matching ${SERVICE_CODE.source}.`);
  const mode = agentInput.mode ?? 'embedded';
  if (mode !== 'embedded' && mode !== 'ophub') fail('agent.mode', 'must be embedded or ophub.');

  const intervals = options.intervals ?? {};
  const heartbeatMs =
    intervals.heartbeatMs ??
    secondsToMs(options.heartbeatIntervalSeconds, 'heartbeatIntervalSeconds') ??
    secondsToMs(envSeconds(env, 'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS', 1, 86_400), 'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS');
  const commandPollMs =
    intervals.commandPollMs ??
    secondsToMs(options.commandPollIntervalSeconds, 'commandPollIntervalSeconds') ??
    secondsToMs(
      envSeconds(env, 'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS', 1, 86_400),
      'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS',
    );
  const serviceReportMs =
    intervals.serviceReportMs ??
    secondsToMs(
      envSeconds(env, 'OPSTAGE_SERVICE_REPORT_INTERVAL_SECONDS', 1, 86_400),
      'OPSTAGE_SERVICE_REPORT_INTERVAL_SECONDS',
    );

  const logLevel =
    options.logLevel ?? (envText(env, 'OPSTAGE_LOG_LEVEL')?.toLowerCase() as LogLevel | undefined) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    fail(options.logLevel ? 'logLevel' : 'OPSTAGE_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}.`);
  if (options.onLog !== undefined && typeof options.onLog !== 'function') fail('onLog', 'must be a function.');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch', 'must be a function.');

  const retry = options.retry ?? {};
  const autoStartLoops = options.autoStartLoops ?? envBoolean(env, 'OPSTAGE_AGENT_AUTOSTART_LOOPS') ?? true;
  if (typeof autoStartLoops !== 'boolean') fail('autoStartLoops', 'must be a boolean.');

  return {
    backendUrl,
    registrationToken,
    service,
    agent: {
      code: agentCode,
      name: text(agentInput.name, 'agent.name', 200, false) ?? envText(env, 'OPSTAGE_AGENT_NAME'),
      mode,
      runtime: text(agentInput.runtime, 'agent.runtime', 80, false) ?? 'nodejs',
      version: text(agentInput.version, 'agent.version', 80, false) ?? SDK_VERSION,
    },
    manifest: options.manifest ?? {},
    tokenStore: resolveTokenStore(options.tokenStore, env, onTokenFileWarning),
    intervals: {
      heartbeatMs: integer(heartbeatMs ?? 30_000, 'intervals.heartbeatMs', 1, 86_400_000),
      commandPollMs: integer(commandPollMs ?? 5_000, 'intervals.commandPollMs', 1, 86_400_000),
      serviceReportMs: integer(serviceReportMs ?? 60_000, 'intervals.serviceReportMs', 1, 86_400_000),
    },
    explicitIntervals: { heartbeatMs: heartbeatMs !== undefined, commandPollMs: commandPollMs !== undefined },
    longPollSeconds: integer(
      options.longPollSeconds ?? envSeconds(env, 'OPSTAGE_COMMAND_WAIT_SECONDS', 0, 30) ?? 25,
      'longPollSeconds',
      0,
      30,
    ),
    maxConcurrentCommands: integer(options.maxConcurrentCommands ?? 4, 'maxConcurrentCommands', 1, 10),
    autoStartLoops,
    requestTimeoutMs: integer(options.requestTimeoutMs ?? 15_000, 'requestTimeoutMs', 1, 600_000),
    stopTimeoutMs: integer(options.stopTimeoutMs ?? 10_000, 'stopTimeoutMs', 0, 600_000),
    healthTimeoutMs: integer(options.healthTimeoutMs ?? 5_000, 'healthTimeoutMs', 1, 600_000),
    maxResultBytes: integer(options.maxResultBytes ?? 1_000_000, 'maxResultBytes', 1_024, 100_000_000),
    maxPendingResults: integer(options.maxPendingResults ?? 1_000, 'maxPendingResults', 1, 100_000),
    retry: {
      initialDelayMs: integer(retry.initialDelayMs ?? 1_000, 'retry.initialDelayMs', 1, 3_600_000),
      maxDelayMs: integer(retry.maxDelayMs ?? 60_000, 'retry.maxDelayMs', 1, 3_600_000),
      disabledDelayMs: integer(retry.disabledDelayMs ?? 60_000, 'retry.disabledDelayMs', 1, 3_600_000),
      startupAttempts: integer(retry.startupAttempts ?? 5, 'retry.startupAttempts', 1, 100),
    },
    logLevel,
    onLog: options.onLog,
    logger: options.logger,
    fetch: options.fetch,
    dispatcher: options.dispatcher,
    env,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}

function secondsToMs(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  return integer(value, option, 1, 86_400) * 1000;
}

/**
 * Applies server-suggested intervals (register/heartbeat answers) to the cadences the caller did
 * not set explicitly, clamped to 1 s … 1 h (internal).
 */
export function applyServerIntervals(
  intervals: ResolvedOptions['intervals'],
  explicit: ResolvedOptions['explicitIntervals'],
  values: { heartbeatIntervalSeconds?: number; commandPollIntervalSeconds?: number },
): void {
  const clamp = (seconds: number): number => Math.min(3_600_000, Math.max(1_000, Math.round(seconds * 1000)));
  if (!explicit.heartbeatMs && values.heartbeatIntervalSeconds)
    intervals.heartbeatMs = clamp(values.heartbeatIntervalSeconds);
  if (!explicit.commandPollMs && values.commandPollIntervalSeconds)
    intervals.commandPollMs = clamp(values.commandPollIntervalSeconds);
}
