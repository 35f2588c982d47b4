/**
 * Delivers command results (sdk/README.md, Errors and retries) through a bounded queue: a result is retried with back-off
 * through an outage until the backend accepts it (a repeated result is acknowledged again, so a
 * retry after a lost answer is safe), dropped on a definitive answer (404/409: cancelled,
 * expired, or a different result already stored), downgraded on 413 (internal).
 */

import { backoffDelay } from './backoff.js';
import type { AgentApiClient, AgentAuth } from './client.js';
import { AgentApiError, AgentAuthError, CapsuleAgentError, isAgentDisabledError } from './errors.js';
import type { AgentLogger } from './logging.js';
import type { ResolvedOptions } from './options.js';
import type { AgentCommand, CommandResultBody } from './protocol.js';

const DROP_RESULT_CODES = new Set(['COMMAND_ALREADY_COMPLETED', 'COMMAND_NOT_FOUND', 'COMMAND_NOT_RUNNING']);
/** Results sent at the same time while the backend answers. */
const PARALLEL_SENDS = 4;

/** Collaborators of {@link ResultSender}. */
export interface ResultSenderDeps {
  opts: ResolvedOptions;
  logger: AgentLogger;
  client: AgentApiClient;
  auth(): AgentAuth | undefined;
  /** Aborted when the agent has finished stopping: requests in flight give up. */
  signal(): AbortSignal;
  authFailed(error: AgentAuthError): void;
  disabledBy(error: AgentApiError): void;
  error(error: CapsuleAgentError): void;
}

interface Entry {
  command: AgentCommand;
  body: CommandResultBody;
  settle: () => void;
}

type Outcome = { kind: 'done' } | { kind: 'again' } | { kind: 'wait'; delayMs: number; error: AgentApiError };

/**
 * Result sender (internal). While the backend answers, up to {@link PARALLEL_SENDS} results are
 * in flight. The first transient failure (network, timeout, 5xx, 429, disabled) pauses the whole
 * queue: one timer, then one probe at a time with growing back-off, so an outage costs one
 * request per back-off step however many results wait. At most `maxPendingResults` results wait;
 * beyond that the oldest waiting one is dropped (logged `result.lost`).
 */
export class ResultSender {
  private readonly deps: ResultSenderDeps;
  private readonly waiting: Entry[] = [];
  private inFlight = 0;
  /** Consecutive transient failures; > 0 means "backing off / probing". */
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  /** @param deps - collaborators */
  constructor(deps: ResultSenderDeps) {
    this.deps = deps;
  }

  /** Results not yet accepted by the backend (waiting or in flight). */
  get pending(): number {
    return this.waiting.length + this.inFlight;
  }

  /** Queues one result; resolves once delivered, dropped or abandoned. Never rejects. */
  send(command: AgentCommand, body: CommandResultBody): Promise<void> {
    return new Promise<void>((settle) => {
      this.waiting.push({ command, body, settle });
      this.evictBeyondLimit();
      this.pump();
    });
  }

  /** Gives up every waiting result (the agent stopped); each is logged once, in one line. */
  abandon(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const left = this.waiting.splice(0);
    if (left.length > 0) {
      this.deps.logger.warn(
        'result.abandoned',
        `${left.length} result(s) were not delivered before the agent stopped.`,
        {
          commandIds: left.map((e) => e.command.id),
        },
      );
    }
    for (const entry of left) entry.settle();
    this.failures = 0;
  }

  private evictBeyondLimit(): void {
    const max = this.deps.opts.maxPendingResults;
    while (this.waiting.length + this.inFlight > max && this.waiting.length > 0) {
      const oldest = this.waiting.shift();
      if (!oldest) break;
      this.deps.logger.error(
        'result.lost',
        `Result of ${oldest.command.id} dropped: more than ${max} results are waiting for the backend.`,
        { commandId: oldest.command.id },
      );
      this.deps.error(
        new CapsuleAgentError('RESULT_QUEUE_FULL', `Result of ${oldest.command.id} dropped: the result queue is full.`),
      );
      oldest.settle();
    }
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    // While probing after a failure, one request at a time; otherwise a few in parallel.
    const limit = this.failures > 0 ? 1 : PARALLEL_SENDS;
    while (this.inFlight < limit && this.waiting.length > 0) {
      const entry = this.waiting.shift();
      if (!entry) return;
      this.inFlight += 1;
      void this.attempt(entry).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async attempt(entry: Entry): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.deliver(entry);
    } catch (error) {
      this.deps.logger.error('result.lost', `Result of ${entry.command.id} could not be reported (unexpected error).`, {
        commandId: entry.command.id,
        error,
      });
      outcome = { kind: 'done' };
    }
    if (outcome.kind === 'done') {
      if (this.failures > 0) this.recovered();
      entry.settle();
      return;
    }
    // Keep the queue's order: the result that failed goes first again.
    this.waiting.unshift(entry);
    if (outcome.kind === 'wait') this.backOff(outcome.delayMs, outcome.error);
  }

  /** One POST of the result; says whether it is finished, should go again at once, or must wait. */
  private async deliver(entry: Entry): Promise<Outcome> {
    const { logger, client } = this.deps;
    const { command } = entry;
    const auth = this.deps.auth();
    if (!auth) {
      logger.warn('result.dropped', 'Result not reported: the agent has no valid credentials.', {
        commandId: command.id,
      });
      return { kind: 'done' };
    }
    const signal = this.deps.signal();
    try {
      await client.reportResult(auth, command.id, entry.body, signal);
      logger.debug('result.reported', 'Result reported.', { commandId: command.id, success: entry.body.success });
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof AgentAuthError) {
        this.deps.authFailed(error);
        return { kind: 'done' };
      }
      if (!(error instanceof AgentApiError)) throw error;
      if (DROP_RESULT_CODES.has(error.code)) {
        logger.info(
          'result.dropped',
          `Result dropped: ${error.code} (cancelled, expired or another result already stored).`,
          { commandId: command.id },
        );
        return { kind: 'done' };
      }
      if (error.status === 413 && entry.body.error?.code !== 'RESULT_TOO_LARGE') {
        const message = 'The action result exceeded the backend size limit.';
        entry.body = { success: false, message, error: { code: 'RESULT_TOO_LARGE', message } };
        return { kind: 'again' };
      }
      const disabled = isAgentDisabledError(error);
      if (disabled) this.deps.disabledBy(error);
      if (signal.aborted) return { kind: 'done' };
      if (!error.retryable && !disabled) {
        logger.error('result.lost', `Result of ${command.id} could not be reported (${error.code}).`, {
          commandId: command.id,
          code: error.code,
        });
        this.deps.error(error);
        return { kind: 'done' };
      }
      const { opts } = this.deps;
      const delayMs = disabled
        ? opts.retry.disabledDelayMs
        : Math.max(backoffDelay(this.failures + 1, opts.retry, opts.random), error.retryAfterMs ?? 0);
      return { kind: 'wait', delayMs, error };
    }
  }

  private backOff(delayMs: number, error: AgentApiError): void {
    this.failures += 1;
    const data = { code: error.code, status: error.status, waiting: this.waiting.length, attempt: this.failures };
    // Log the start of an outage, not every failed probe.
    if (this.failures === 1)
      this.deps.logger.warn(
        'result.retrying',
        `Result delivery failed (${error.code}); ${this.waiting.length} result(s) waiting, retrying in ${delayMs} ms.`,
        data,
      );
    else
      this.deps.logger.debug(
        'result.retrying',
        `Result delivery failed again (${error.code}); next attempt in ${delayMs} ms.`,
        data,
      );
    if (this.timer !== undefined) return;
    // A stopping agent clears this timer in `abandon()`, which settles what is left.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delayMs);
  }

  private recovered(): void {
    this.deps.logger.info('result.recovered', `Results are accepted again after ${this.failures} failed attempt(s).`, {
      waiting: this.waiting.length,
    });
    this.failures = 0;
  }
}
