/**
 * Typed errors of the agent SDK.
 *
 * `CapsuleAgentError` is the root of everything the SDK throws or emits. HTTP outcomes are
 * `AgentApiError` and its subclasses; local problems (options, token file) have their own classes.
 */

/** Fields accepted by {@link AgentApiError}. */
export interface AgentApiErrorInit {
  /** Stable code (`UNAUTHORIZED`, `AGENT_DISABLED`, `NETWORK_ERROR`, …). */
  code: string;
  /** Message (never contains a token). */
  message: string;
  /** HTTP status, or `undefined` for transport failures. */
  status?: number;
  /** Backend request id, when known. */
  requestId?: string;
  /** Whether retrying the same call later can succeed. */
  retryable?: boolean;
  /** Delay the server asked for (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** Error details from the envelope. */
  details?: Record<string, unknown>;
  /** Underlying cause. */
  cause?: unknown;
}

/**
 * Root class of every SDK error. Always has a stable `code`.
 *
 * @example
 * ```ts
 * try { await agent.start(); } catch (e) { if (e instanceof CapsuleAgentError) console.error(e.code); }
 * ```
 */
export class CapsuleAgentError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;

  /**
   * @param code - stable code
   * @param message - human readable message
   * @param cause - optional underlying error
   */
  constructor(code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CapsuleAgentError';
    this.code = code;
  }
}

/**
 * Invalid constructor option, environment variable or action definition. Thrown synchronously
 * by the constructor and by `action()`; codes `INVALID_OPTION`, `DUPLICATE_ACTION`, `AGENT_NOT_STARTED`.
 *
 * @example
 * ```ts
 * try { new CapsuleAgent({ service: { code: 'Bad Code', name: 'x' } }); } catch (e) { if (e instanceof AgentConfigError) console.error(e.option); }
 * ```
 */
export class AgentConfigError extends CapsuleAgentError {
  /** The option path or environment variable at fault, e.g. `service.code`. */
  readonly option: string | undefined;

  /**
   * @param message - what is wrong and how to fix it
   * @param option - option path or env variable
   * @param code - defaults to `INVALID_OPTION`
   */
  constructor(message: string, option?: string, code = 'INVALID_OPTION') {
    super(code, message);
    this.name = 'AgentConfigError';
    this.option = option;
  }
}

/**
 * Token store problem: `TOKEN_FILE_INSECURE` (group/world-readable file), `TOKEN_FILE_UNREADABLE`,
 * `TOKEN_FILE_WRITE_FAILED`.
 *
 * @example
 * ```ts
 * agent.start().catch((e) => { if (e instanceof TokenStoreError && e.code === 'TOKEN_FILE_INSECURE') console.error(e.message); });
 * ```
 */
export class TokenStoreError extends CapsuleAgentError {
  /** Path of the token file, when file based. */
  readonly file: string | undefined;

  /**
   * @param code - stable code
   * @param message - message with the remedy
   * @param file - token file path
   * @param cause - underlying error
   */
  constructor(code: string, message: string, file?: string, cause?: unknown) {
    super(code, message, cause);
    this.name = 'TokenStoreError';
    this.file = file;
  }
}

/**
 * Non-2xx answer of the agent API (generic base of the HTTP errors).
 *
 * @example
 * ```ts
 * agent.on('error', (e) => { if (e instanceof AgentApiError && e.code === 'AGENT_DISABLED') pauseUi(); });
 * ```
 */
export class AgentApiError extends CapsuleAgentError {
  /** HTTP status (undefined for transport failures). */
  readonly status: number | undefined;
  /** Backend request id (envelope `error.requestId` or `x-request-id` header). */
  readonly requestId: string | undefined;
  /** Whether the SDK would retry this call. */
  readonly retryable: boolean;
  /** Server-requested delay before a retry, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** Envelope `error.details`. */
  readonly details: Record<string, unknown> | undefined;

  /** @param init - error fields */
  constructor(init: AgentApiErrorInit) {
    super(init.code, init.message, init.cause);
    this.name = 'AgentApiError';
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details;
  }
}

/**
 * Registration failed and will not be retried: invalid, used, revoked or expired registration
 * token (`REGISTRATION_TOKEN_INVALID`), no registration token while no stored credentials exist
 * (`REGISTRATION_TOKEN_MISSING`), or another 4xx from the register endpoint.
 *
 * @example
 * ```ts
 * agent.start().catch((e) => { if (e instanceof RegistrationError) console.error('Mint a new registration token:', e.code); });
 * ```
 */
export class RegistrationError extends AgentApiError {
  /** @param init - error fields */
  constructor(init: AgentApiErrorInit) {
    super({ ...init, retryable: false });
    this.name = 'RegistrationError';
  }
}

/**
 * The agent token is no longer accepted (401, `AGENT_REVOKED`, `AGENT_NOT_FOUND`): the token
 * was revoked, rotated by a re-registration elsewhere, or the agent was revoked. Terminal: loops
 * stop and the stored token is cleared.
 *
 * @example
 * ```ts
 * agent.on('auth-failed', (e: AgentAuthError) => alertOps(`agent token rejected: ${e.code}`));
 * ```
 */
export class AgentAuthError extends AgentApiError {
  /** @param init - error fields */
  constructor(init: AgentApiErrorInit) {
    super({ ...init, retryable: false });
    this.name = 'AgentAuthError';
  }
}

/**
 * Transport failure (connection refused, DNS, TLS, timeout) or 5xx that outlived the retry
 * budget. Codes `NETWORK_ERROR`, `REQUEST_TIMEOUT`, `REQUEST_ABORTED`, `SERVER_ERROR`.
 *
 * @example
 * ```ts
 * agent.start().catch((e) => { if (e instanceof NetworkError) console.error('Opstage unreachable, check OPSTAGE_BACKEND_URL'); });
 * ```
 */
export class NetworkError extends AgentApiError {
  /** @param init - error fields */
  constructor(init: AgentApiErrorInit) {
    super({ retryable: true, ...init });
    this.name = 'NetworkError';
  }
}

/** Which kind of call produced an HTTP error; decides the error class. */
export type ApiCallKind = 'register' | 'agent';

/** Inputs of {@link mapHttpError}. */
export interface HttpErrorInput {
  /** Call kind. */
  kind: ApiCallKind;
  /** HTTP status. */
  status: number;
  /** Envelope code, if any. */
  code: string | undefined;
  /** Envelope message, if any. */
  message: string | undefined;
  /** Envelope details. */
  details: Record<string, unknown> | undefined;
  /** Request id. */
  requestId: string | undefined;
  /** Parsed `Retry-After`. */
  retryAfterMs: number | undefined;
}

const TERMINAL_AUTH_CODES = new Set(['AGENT_REVOKED', 'AGENT_NOT_FOUND']);

/**
 * Maps a non-2xx response to the SDK's error classes (sdk/README.md, "Errors and retries"): 401 / `AGENT_REVOKED` /
 * `AGENT_NOT_FOUND` → {@link AgentAuthError}; register 4xx → {@link RegistrationError}; 408, 429 and
 * 5xx are retryable; every other 4xx (including 403 `AGENT_DISABLED`, which callers back off on) is not.
 *
 * @param input - response facts
 * @returns the typed error
 */
export function mapHttpError(input: HttpErrorInput): AgentApiError {
  const code = input.code ?? (input.status >= 500 ? 'SERVER_ERROR' : 'REQUEST_ERROR');
  const init: AgentApiErrorInit = {
    code,
    message: input.message ?? `Backend answered HTTP ${input.status}.`,
    status: input.status,
    requestId: input.requestId,
    retryAfterMs: input.retryAfterMs,
    details: input.details,
  };
  const transient = input.status === 408 || input.status === 429 || input.status >= 500;
  if (transient) return new AgentApiError({ ...init, retryable: true });
  if (input.kind === 'register') return new RegistrationError(init);
  if (input.status === 401 || TERMINAL_AUTH_CODES.has(code)) return new AgentAuthError(init);
  return new AgentApiError({ ...init, retryable: false });
}

/**
 * True when the error says the operator disabled the agent (403 `AGENT_DISABLED`): keep the
 * token, back off, keep probing.
 *
 * @example
 * ```ts
 * agent.on('error', (e) => { if (isAgentDisabledError(e)) console.warn('paused by an operator'); });
 * ```
 *
 * @param error - any value
 */
export function isAgentDisabledError(error: unknown): error is AgentApiError & { code: 'AGENT_DISABLED' } {
  return error instanceof AgentApiError && error.code === 'AGENT_DISABLED';
}
