/**
 * HTTP transport: one JSON request with a timeout, envelope unwrapping and error mapping.
 * Uses undici's `fetch` with a per-agent dispatcher; never touches the global dispatcher.
 */

import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { Dispatcher } from 'undici';

import { parseRetryAfter } from './backoff.js';
import { AgentApiError, mapHttpError, NetworkError } from './errors.js';
import type { ApiCallKind } from './errors.js';
import { redactText } from './logging.js';

/** Request init passed to an injected `fetch`. */
export interface AgentFetchInit {
  /** HTTP method. */
  method: string;
  /** Request headers (include `authorization`; never log them). */
  headers: Record<string, string>;
  /** JSON body. */
  body?: string;
  /** Aborts on timeout or stop. */
  signal: AbortSignal;
  /** The agent's dispatcher (proxy-aware); custom fetch implementations may ignore it. */
  dispatcher?: Dispatcher;
}

/** The part of a fetch `Response` the SDK uses. */
export interface AgentFetchResponse {
  /** HTTP status. */
  status: number;
  /** Header access. */
  headers: { get(name: string): string | null };
  /** Body text. */
  text(): Promise<string>;
}

/** A `fetch`-compatible function (undici's `fetch` fits; wrap other implementations). */
export type AgentFetch = (url: string, init: AgentFetchInit) => Promise<AgentFetchResponse>;

/** Proxy settings read from the environment. */
export interface ProxyEnvironment {
  /** `http_proxy` / `HTTP_PROXY`. */
  httpProxy: string;
  /** `https_proxy` / `HTTPS_PROXY`. */
  httpsProxy: string;
  /** `no_proxy` / `NO_PROXY`. */
  noProxy: string;
}

/**
 * Reads the proxy variables (lower case wins, as curl does) from an env record.
 *
 * @example
 * ```ts
 * readProxyEnvironment(process.env).noProxy; // 'localhost,.internal'
 * ```
 *
 * @param env - environment record
 */
export function readProxyEnvironment(env: Readonly<Record<string, string | undefined>>): ProxyEnvironment {
  return {
    httpProxy: env['http_proxy'] ?? env['HTTP_PROXY'] ?? '',
    httpsProxy: env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '',
    noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
  };
}

/**
 * Creates the per-agent dispatcher: an undici `EnvHttpProxyAgent` configured from `env` only
 * (explicit values, so `process.env` changes after construction have no effect).
 *
 * @example
 * ```ts
 * const dispatcher = createProxyDispatcher({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost' });
 * new CapsuleAgent({ service, dispatcher });
 * ```
 *
 * @param env - environment record
 */
export function createProxyDispatcher(env: Readonly<Record<string, string | undefined>>): Dispatcher {
  const proxy = readProxyEnvironment(env);
  return new EnvHttpProxyAgent({ httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: proxy.noProxy });
}

/**
 * Holds the agent's dispatcher: the injected one (never closed by the SDK) or an owned
 * {@link createProxyDispatcher} instance, opened on start and closed on stop (internal).
 */
export class DispatcherSlot {
  private readonly injected: Dispatcher | undefined;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private active: Dispatcher | undefined;

  /**
   * @param injected - caller-provided dispatcher
   * @param env - environment for the proxy settings
   */
  constructor(injected: Dispatcher | undefined, env: Readonly<Record<string, string | undefined>>) {
    this.injected = injected;
    this.env = env;
  }

  /** The dispatcher in use, if open. */
  current(): Dispatcher | undefined {
    return this.active;
  }

  /** Opens the slot (idempotent). */
  open(): void {
    this.active ??= this.injected ?? createProxyDispatcher(this.env);
  }

  /** Closes an owned dispatcher (destroying it if closing takes more than a second). */
  async close(): Promise<void> {
    const dispatcher = this.active;
    this.active = undefined;
    if (!dispatcher || dispatcher === this.injected) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 1_000);
    });
    const closed = dispatcher.close().then(
      () => true,
      () => true,
    );
    const ok = await Promise.race([closed, timedOut]);
    clearTimeout(timer);
    if (!ok) await dispatcher.destroy().catch(() => undefined);
  }
}

/** Transport configuration. */
export interface HttpTransportOptions {
  /** Base URL without trailing slash. */
  backendUrl: string;
  /** Fetch implementation. */
  fetch?: AgentFetch;
  /** Returns the dispatcher passed to fetch (created per agent start). */
  dispatcher: () => Dispatcher | undefined;
  /** Default request timeout. */
  requestTimeoutMs: number;
  /** Clock (for `Retry-After` dates). */
  now: () => number;
  /** `User-Agent` header. */
  userAgent: string;
}

/** Options of one request. */
export interface HttpRequestOptions {
  /** Decides error classes (register vs authenticated call). */
  kind: ApiCallKind;
  /** Bearer token. */
  token?: string;
  /** JSON body. */
  body?: unknown;
  /** Query parameters. */
  query?: Record<string, string | number>;
  /** Overrides the default timeout (long-poll). */
  timeoutMs?: number;
  /** Caller abort (stop). */
  signal?: AbortSignal;
}

/** Unwrapped success: `data` plus the whole envelope (for top-level extras). */
export interface HttpSuccess {
  /** Envelope `data`. */
  data: unknown;
  /** Whole envelope object. */
  envelope: Record<string, unknown>;
}

const defaultFetch: AgentFetch = (url, init) => undiciFetch(url, init);

/** Low-level transport (internal). */
export class HttpTransport {
  private readonly options: HttpTransportOptions;
  private readonly fetchImpl: AgentFetch;

  /** @param options - transport configuration */
  constructor(options: HttpTransportOptions) {
    this.options = options;
    this.fetchImpl = options.fetch ?? defaultFetch;
  }

  /**
   * Sends one request and unwraps the envelope.
   *
   * @throws AgentApiError (and subclasses) for non-2xx answers, NetworkError for transport failures
   */
  async request(method: 'GET' | 'POST', path: string, options: HttpRequestOptions): Promise<HttpSuccess> {
    const url = new URL(this.options.backendUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.options.userAgent };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.options.requestTimeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const init: AgentFetchInit = { method, headers, signal };
    if (body !== undefined) init.body = body;
    const dispatcher = this.options.dispatcher();
    if (dispatcher) init.dispatcher = dispatcher;

    let response: AgentFetchResponse;
    let text: string;
    try {
      response = await this.fetchImpl(url.toString(), init);
      text = await response.text();
    } catch (error) {
      throw this.transportError(error, url, options.signal, timeout);
    }
    return this.unwrap(response, text, options.kind);
  }

  private transportError(
    error: unknown,
    url: URL,
    caller: AbortSignal | undefined,
    timeout: AbortSignal,
  ): NetworkError {
    if (caller?.aborted) {
      return new NetworkError({
        code: 'REQUEST_ABORTED',
        message: `Request to ${url.origin} aborted.`,
        retryable: false,
        cause: error,
      });
    }
    if (timeout.aborted) {
      return new NetworkError({
        code: 'REQUEST_TIMEOUT',
        message: `Request to ${url.origin}${url.pathname} timed out.`,
        cause: error,
      });
    }
    return new NetworkError({
      code: 'NETWORK_ERROR',
      message: `Cannot reach ${url.origin}: ${describeCause(error)}.`,
      cause: error,
    });
  }

  private unwrap(response: AgentFetchResponse, text: string, kind: ApiCallKind): HttpSuccess {
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const envelope =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    const headerRequestId = response.headers.get('x-request-id') ?? undefined;
    if (response.status >= 200 && response.status < 300) {
      if (envelope && envelope['success'] === true) return { data: envelope['data'], envelope };
      throw new AgentApiError({
        code: 'INVALID_RESPONSE',
        message: `Backend answered HTTP ${response.status} without a success envelope (is OPSTAGE_BACKEND_URL pointing at Opstage?).`,
        status: response.status,
        requestId: headerRequestId,
        retryable: true,
      });
    }
    const error = envelope?.['error'];
    const errorObject = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
    const details = errorObject['details'];
    throw mapHttpError({
      kind,
      status: response.status,
      code: typeof errorObject['code'] === 'string' ? errorObject['code'] : undefined,
      message: typeof errorObject['message'] === 'string' ? redactText(errorObject['message']) : undefined,
      details:
        details !== null && typeof details === 'object' && !Array.isArray(details)
          ? (details as Record<string, unknown>)
          : undefined,
      requestId: typeof errorObject['requestId'] === 'string' ? errorObject['requestId'] : headerRequestId,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.options.now()),
    });
  }
}

function describeCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const record = current as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (record.cause === undefined) return typeof record.message === 'string' ? record.message : 'network error';
    current = record.cause;
  }
  return 'network error';
}
