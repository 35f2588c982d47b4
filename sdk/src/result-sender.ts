/**
 * Delivers command results (§A.11): retried on transient failures within a window, dropped on
 * 404/409 (cancelled, expired, already reported), downgraded on 413 (internal).
 */

import { backoffDelay, sleep } from './backoff.js';
import type { AgentApiClient, AgentAuth } from './client.js';
import { AgentApiError, AgentAuthError, isAgentDisabledError } from './errors.js';
import type { AgentLogger } from './logging.js';
import type { ResolvedOptions } from './options.js';
import type { AgentCommand, CommandResultBody } from './protocol.js';

const RESULT_RETRY_WINDOW_MS = 5 * 60_000;
const DROP_RESULT_CODES = new Set(['COMMAND_ALREADY_COMPLETED', 'COMMAND_NOT_FOUND', 'COMMAND_NOT_RUNNING']);

/** Collaborators of {@link ResultSender}. */
export interface ResultSenderDeps {
  opts: ResolvedOptions;
  logger: AgentLogger;
  client: AgentApiClient;
  auth(): AgentAuth | undefined;
  /** Aborted when the agent has finished stopping: pending retries give up. */
  signal(): AbortSignal;
  authFailed(error: AgentAuthError): void;
  disabledBy(error: AgentApiError): void;
  error(error: AgentApiError): void;
}

/** Result sender (internal). */
export class ResultSender {
  private readonly deps: ResultSenderDeps;

  /** @param deps - collaborators */
  constructor(deps: ResultSenderDeps) {
    this.deps = deps;
  }

  /** Sends one result; resolves once delivered, dropped or given up. Never rejects for API errors. */
  async send(command: AgentCommand, body: CommandResultBody): Promise<void> {
    const { opts, logger, client } = this.deps;
    const deadline = opts.now() + RESULT_RETRY_WINDOW_MS;
    let current = body;
    for (let attempt = 1; ; attempt += 1) {
      const auth = this.deps.auth();
      if (!auth) {
        logger.warn('result.dropped', 'Result not reported: the agent has no valid credentials.', { commandId: command.id });
        return;
      }
      const signal = this.deps.signal();
      try {
        await client.reportResult(auth, command.id, current, signal);
        logger.debug('result.reported', 'Result reported.', { commandId: command.id, success: current.success });
        return;
      } catch (error) {
        if (error instanceof AgentAuthError) {
          this.deps.authFailed(error);
          return;
        }
        if (!(error instanceof AgentApiError)) throw error;
        if (DROP_RESULT_CODES.has(error.code)) {
          logger.info('result.dropped', `Result dropped: ${error.code} (cancelled, expired or already reported).`, { commandId: command.id });
          return;
        }
        if (error.status === 413 && current.error?.code !== 'RESULT_TOO_LARGE') {
          const message = 'The action result exceeded the backend size limit.';
          current = { success: false, message, error: { code: 'RESULT_TOO_LARGE', message } };
          continue;
        }
        const disabled = isAgentDisabledError(error);
        if (disabled) this.deps.disabledBy(error);
        if ((!error.retryable && !disabled) || signal.aborted || opts.now() >= deadline) {
          logger.error('result.lost', `Result of ${command.id} could not be reported (${error.code}).`, { commandId: command.id, code: error.code });
          this.deps.error(error);
          return;
        }
        const delay = disabled
          ? opts.retry.disabledDelayMs
          : Math.max(backoffDelay(attempt, opts.retry, opts.random), error.retryAfterMs ?? 0);
        await sleep(Math.min(delay, Math.max(0, deadline - opts.now())), signal);
      }
    }
  }
}
