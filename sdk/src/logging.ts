/**
 * Structured logging and redaction. Tokens never reach a log sink: values that look like
 * Opstage tokens are masked and sensitive keys are replaced wherever a record is built.
 */

/** Log threshold. `silent` drops everything. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** One structured log record, as delivered to `onLog`. */
export interface LogRecord {
  /** Severity. */
  level: Exclude<LogLevel, 'silent'>;
  /** Stable event name, e.g. `agent.registered`, `heartbeat.failed`. */
  event: string;
  /** Human readable message (redacted). */
  message: string;
  /** ISO-8601 time of the record. */
  time: string;
  /** Identity of the agent: `agentId` (once known), `agentCode`, `serviceCode`. */
  context: Record<string, unknown>;
  /** Event data such as `commandId`, `actionName`, `code`, `status` (redacted). */
  data?: Record<string, unknown>;
}

/** Console-shaped logger accepted through the `logger` option (older design name for `onLog`). */
export interface AgentLoggerLike {
  /** Debug sink. */
  debug?(message: string, meta?: Record<string, unknown>): void;
  /** Info sink. */
  info?(message: string, meta?: Record<string, unknown>): void;
  /** Warning sink. */
  warn?(message: string, meta?: Record<string, unknown>): void;
  /** Error sink. */
  error?(message: string, meta?: Record<string, unknown>): void;
}

/** Replacement text for redacted values. */
export const REDACTED = '***REDACTED***';

const TOKEN_VALUE = /opstage_(reg|agent)_[A-Za-z0-9_-]+/g;
const BEARER_VALUE = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;
const SENSITIVE_KEYS = new Set([
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'cookie',
  'setcookie',
  'apikey',
  'privatekey',
  'credential',
  'credentials',
  'authorization',
  'registrationtoken',
  'agenttoken',
  'generatedkey',
]);

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Masks Opstage tokens and bearer credentials inside a string (`opstage_agent_abc…` → `opstage_agent_***`).
 *
 * @example
 * ```ts
 * redactText('token opstage_agent_abc'); // 'token opstage_agent_***'
 * ```
 *
 * @param text - any text
 * @returns the text without raw tokens
 */
export function redactText(text: string): string {
  return text.replace(TOKEN_VALUE, (_m, kind: string) => `opstage_${kind}_***`).replace(BEARER_VALUE, 'Bearer ***');
}

/**
 * True when a key names a secret (`password`, `apiKey`, `agentToken`, `Authorization`, …).
 * Matching is exact after lower-casing and dropping `-`/`_`, so `tokenCount` survives.
 *
 * @example
 * ```ts
 * isSensitiveKey('api_key'); // true
 * isSensitiveKey('tokenCount'); // false
 * ```
 *
 * @param key - object key
 */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * Deep copy with sensitive keys replaced by {@link REDACTED} and token-like strings masked.
 * Cycles and depth beyond 8 are cut.
 *
 * @example
 * ```ts
 * redactValue({ password: 'p', user: 'u' }); // { password: '***REDACTED***', user: 'u' }
 * ```
 *
 * @param value - any JSON-like value
 * @returns the redacted copy
 */
export function redactValue(value: unknown): unknown {
  return redactInner(value, 0, new WeakSet<object>());
}

function redactInner(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[Truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactInner(item, depth + 1, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redactInner(inner, depth + 1, seen);
  }
  return out;
}

/** Sink configuration of {@link AgentLogger}. */
export interface AgentLoggerOptions {
  /** Threshold. */
  level: LogLevel;
  /** Structured sink. */
  onLog?: (record: LogRecord) => void;
  /** Console-shaped sink. */
  logger?: AgentLoggerLike;
  /** Clock for timestamps. */
  now: () => number;
  /** Context added to every record (agentId, serviceCode). */
  baseContext: () => Record<string, unknown>;
}

/**
 * Internal logger: builds redacted {@link LogRecord}s and hands them to `onLog`, `logger`, or the
 * console (default). A throwing sink is ignored so logging can never break the agent.
 */
export class AgentLogger {
  private readonly options: AgentLoggerOptions;

  /** @param options - sinks and threshold */
  constructor(options: AgentLoggerOptions) {
    this.options = options;
  }

  /** Debug record. */
  debug(event: string, message: string, data?: Record<string, unknown>): void {
    this.write('debug', event, message, data);
  }

  /** Info record. */
  info(event: string, message: string, data?: Record<string, unknown>): void {
    this.write('info', event, message, data);
  }

  /** Warning record. */
  warn(event: string, message: string, data?: Record<string, unknown>): void {
    this.write('warn', event, message, data);
  }

  /** Error record. */
  error(event: string, message: string, data?: Record<string, unknown>): void {
    this.write('error', event, message, data);
  }

  private write(level: LogRecord['level'], event: string, message: string, data?: Record<string, unknown>): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[this.options.level]) return;
    const record: LogRecord = {
      level,
      event,
      message: redactText(message),
      time: new Date(this.options.now()).toISOString(),
      context: this.options.baseContext(),
    };
    if (data !== undefined && Object.keys(data).length > 0) {
      record.data = redactValue(data) as Record<string, unknown>;
    }
    try {
      this.deliver(record);
    } catch {
      // A broken sink must not break the agent.
    }
  }

  private deliver(record: LogRecord): void {
    if (this.options.onLog) {
      this.options.onLog(record);
      return;
    }
    const sink = this.options.logger;
    if (sink) {
      const meta = { event: record.event, ...record.context, ...(record.data ?? {}) };
      sink[record.level]?.(record.message, meta);
      return;
    }
    const line = `${record.time} [opstage-agent] ${record.level.toUpperCase()} ${record.event}: ${record.message}${formatData(record.data)}`;
    if (record.level === 'error' || record.level === 'warn') console.error(line);
    else console.log(line);
  }
}

/** ` (key=value …)` for the console sink. */
function formatData(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  const parts = Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : safeJson(value)}`);
  return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
