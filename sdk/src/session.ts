/**
 * Start-up helpers (sdk/README.md, "Lifecycle"): bounded retries of transient failures, loading usable credentials,
 * and registration (internal).
 */

import { hostname } from 'node:os';

import { backoffDelay, sleep } from './backoff.js';
import type { ResolvedRetryOptions } from './backoff.js';
import type { AgentApiClient } from './client.js';
import { AgentApiError, NetworkError, RegistrationError } from './errors.js';
import type { AgentLogger } from './logging.js';
import { SDK_VERSION } from './options.js';
import type { ResolvedOptions } from './options.js';
import type { AgentIdentityWire, RegisterAgentResponse, ReportedService } from './protocol.js';
import { FileTokenStore } from './token-store.js';
import type { AgentCredentials } from './token-store.js';

/** Retry context of {@link withStartupRetry}. */
export interface StartupRetryContext {
  retry: ResolvedRetryOptions;
  random: () => number;
  logger: AgentLogger;
}

/**
 * Runs `fn`, retrying only transient failures (network, 408, 429, 5xx) with capped exponential
 * backoff (honouring `Retry-After`) up to `retry.startupAttempts`. Any other error is thrown at
 * once; an exhausted budget throws {@link NetworkError}.
 */
export async function withStartupRetry<T>(
  label: string,
  fn: () => Promise<T>,
  ctx: StartupRetryContext,
  signal: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof AgentApiError) || !error.retryable || signal.aborted) throw error;
      if (attempt >= ctx.retry.startupAttempts) {
        if (error instanceof NetworkError) throw error;
        const init = {
          code: error.code,
          message: `${label} failed after ${attempt} attempts: ${error.message}`,
          cause: error,
        };
        throw new NetworkError(
          error.status === undefined ? init : { ...init, status: error.status, requestId: error.requestId },
        );
      }
      const delay = Math.max(backoffDelay(attempt, ctx.retry, ctx.random), error.retryAfterMs ?? 0);
      ctx.logger.warn('startup.retry', `${label} failed (${error.code}); retrying in ${delay} ms.`, {
        attempt,
        code: error.code,
        status: error.status,
      });
      await sleep(delay, signal);
      if (signal.aborted) throw error;
    }
  }
}

/**
 * Loads stored credentials that may be used against this backend. Credentials bound to another
 * backend URL are ignored (the token is never sent to a different host).
 */
export async function loadUsableCredentials(
  opts: ResolvedOptions,
  logger: AgentLogger,
): Promise<AgentCredentials | null> {
  const stored = await opts.tokenStore.load();
  if (!stored) return null;
  if (!stored.agentToken.startsWith('opstage_agent_')) {
    logger.warn('token.invalid', 'Stored agent token has an unexpected format; ignoring it.');
    return null;
  }
  if (stored.backendUrl !== undefined && stored.backendUrl !== opts.backendUrl) {
    logger.warn(
      'token.backend_mismatch',
      `Stored credentials belong to ${stored.backendUrl}, not ${opts.backendUrl}; ignoring them.`,
    );
    return null;
  }
  return stored;
}

/** Error thrown when neither usable credentials nor a registration token exist. */
export function missingRegistrationToken(opts: ResolvedOptions): RegistrationError {
  const where = opts.tokenStore instanceof FileTokenStore ? ` in ${opts.tokenStore.file}` : '';
  return new RegistrationError({
    code: 'REGISTRATION_TOKEN_MISSING',
    message: `No usable agent credentials${where} and no registration token. Create a registration token in the Opstage console and set OPSTAGE_REGISTRATION_TOKEN (or the registrationToken option).`,
  });
}

/**
 * Registers the agent (with its initial service) and returns the credentials to persist.
 * 4xx answers become {@link RegistrationError} and are never retried.
 */
export async function registerAgent(
  opts: ResolvedOptions,
  client: AgentApiClient,
  service: ReportedService,
  ctx: StartupRetryContext,
  signal: AbortSignal,
): Promise<{ credentials: AgentCredentials; response: RegisterAgentResponse }> {
  const registrationToken = opts.registrationToken;
  if (registrationToken === undefined) throw missingRegistrationToken(opts);
  const agent: AgentIdentityWire = {
    code: opts.agent.code,
    mode: opts.agent.mode,
    runtime: opts.agent.runtime,
    version: opts.agent.version,
    sdkVersion: SDK_VERSION,
    hostname: hostname().slice(0, 255),
  };
  if (opts.agent.name !== undefined) agent.name = opts.agent.name;
  const response = await withStartupRetry(
    'Registration',
    () => client.register({ registrationToken, agent, service }, signal),
    ctx,
    signal,
  );
  const credentials: AgentCredentials = {
    agentId: response.agentId,
    agentToken: response.agentToken,
    backendUrl: opts.backendUrl,
    agentCode: opts.agent.code,
    savedAt: new Date(opts.now()).toISOString(),
  };
  return { credentials, response };
}
