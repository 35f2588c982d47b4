/**
 * The three agent loops (sdk/README.md, "Lifecycle"): heartbeat (with health), periodic service report, and command
 * fetching by long-poll with the poll interval as fallback cadence (internal).
 */

import { backoffDelay } from './backoff.js';
import type { AgentApiClient, AgentAuth, HeartbeatOutcome } from './client.js';
import { AgentApiError, AgentAuthError, CapsuleAgentError, isAgentDisabledError } from './errors.js';
import type { CommandExecutor } from './executor.js';
import type { AgentLogger } from './logging.js';
import { Loop } from './loop.js';
import type { ResolvedOptions } from './options.js';
import type { HealthReportInput } from './protocol.js';

/** What the loops need from the runtime. */
export interface LoopHost {
  auth(): AgentAuth | undefined;
  serviceId(): string | undefined;
  isDisabled(): boolean;
  isReportPending(): boolean;
  setReportPending(): void;
  runHealth(): Promise<HealthReportInput>;
  report(signal: AbortSignal): Promise<void>;
  applyServerIntervals(values: HeartbeatOutcome): void;
  cancelCommands(ids: readonly string[]): void;
  backendReachable(): void;
  authFailed(error: AgentAuthError): void;
  disabledBy(error: AgentApiError): void;
  error(error: CapsuleAgentError): void;
}

/** Collaborators of {@link AgentLoops}. */
export interface LoopDeps {
  opts: ResolvedOptions;
  logger: AgentLogger;
  client: AgentApiClient;
  executor: CommandExecutor;
  /** Shared, mutable effective intervals (server values land here). */
  intervals: ResolvedOptions['intervals'];
  host: LoopHost;
}

type LoopName = 'heartbeat' | 'report' | 'commands';

/** Agent loops (internal). */
export class AgentLoops {
  private readonly deps: LoopDeps;
  private readonly loops: Record<LoopName, Loop>;
  private readonly failures: Record<LoopName, number> = { heartbeat: 0, report: 0, commands: 0 };
  private readonly seenCancels = new Set<string>();

  /** @param deps - collaborators */
  constructor(deps: LoopDeps) {
    this.deps = deps;
    const make = (name: LoopName, tick: (signal: AbortSignal) => Promise<number>): Loop =>
      new Loop(tick, (error) => {
        deps.logger.error(`${name}.crashed`, 'Unexpected error in an agent loop.', { error });
        return backoffDelay(1, deps.opts.retry, deps.opts.random);
      });
    this.loops = {
      heartbeat: make('heartbeat', (signal) => this.heartbeat(signal)),
      report: make('report', (signal) => this.report(signal)),
      commands: make('commands', (signal) => this.commands(signal)),
    };
  }

  /** Starts all loops (the initial report has just been sent). */
  start(): void {
    const { intervals, opts, host } = this.deps;
    this.loops.heartbeat.start(host.isDisabled() ? opts.retry.disabledDelayMs : intervals.heartbeatMs);
    this.loops.report.start(intervals.serviceReportMs);
    this.loops.commands.start(0);
  }

  /** Stops all loops, aborting their requests in flight. */
  async stop(): Promise<void> {
    await Promise.all(Object.values(this.loops).map((loop) => loop.stop()));
  }

  /** Resumes report and command fetching at once (after re-enable). */
  wake(): void {
    this.loops.report.wake();
    this.loops.commands.wake();
  }

  private async heartbeat(signal: AbortSignal): Promise<number> {
    const { host, client, intervals } = this.deps;
    const auth = host.auth();
    if (!auth) return intervals.heartbeatMs;
    const serviceId = host.serviceId();
    const body = serviceId ? { serviceId, health: await host.runHealth() } : {};
    let outcome: HeartbeatOutcome;
    try {
      outcome = await client.heartbeat(auth, body, signal);
    } catch (error) {
      return this.failed('heartbeat', error, signal);
    }
    this.succeeded('heartbeat');
    host.applyServerIntervals(outcome);
    host.cancelCommands(outcome.cancelledCommandIds);
    if (host.isReportPending()) this.loops.report.wake();
    return intervals.heartbeatMs;
  }

  private async report(signal: AbortSignal): Promise<number> {
    const { host, intervals, opts } = this.deps;
    if (host.isDisabled()) return opts.retry.disabledDelayMs;
    if (!host.auth()) return intervals.serviceReportMs;
    try {
      await host.report(signal);
    } catch (error) {
      host.setReportPending();
      return this.failed('report', error, signal);
    }
    this.succeeded('report');
    return intervals.serviceReportMs;
  }

  private async commands(signal: AbortSignal): Promise<number> {
    const { host, client, executor, intervals, opts } = this.deps;
    if (host.isDisabled()) return opts.retry.disabledDelayMs;
    await executor.waitForSlot(signal);
    const auth = host.auth();
    if (!auth || signal.aborted) return intervals.commandPollMs;
    const started = opts.now();
    const wait = opts.longPollSeconds;
    try {
      const outcome = await client.pollCommands(
        auth,
        Math.max(1, executor.freeSlots),
        wait,
        wait * 1000 + opts.requestTimeoutMs,
        signal,
      );
      this.succeeded('commands');
      host.cancelCommands(outcome.cancelledCommandIds);
      for (const command of outcome.commands) void executor.dispatch(command);
      // Work arrived, or a new cancel woke the long-poll early: poll again at once.
      if (outcome.commands.length > 0 || this.newCancels(outcome.cancelledCommandIds)) return 0;
    } catch (error) {
      return this.failed('commands', error, signal);
    }
    // An empty answer that came back early means no long-poll (a reference backend): keep the cadence.
    return Math.max(0, intervals.commandPollMs - (opts.now() - started));
  }

  /** True when `ids` holds a cancel not seen before (a backend repeating old ids cannot cause a hot loop). */
  private newCancels(ids: readonly string[]): boolean {
    let fresh = false;
    for (const id of ids) {
      if (this.seenCancels.has(id)) continue;
      fresh = true;
      this.seenCancels.add(id);
      if (this.seenCancels.size > 1_000) {
        const oldest = this.seenCancels.values().next().value;
        if (oldest !== undefined) this.seenCancels.delete(oldest);
      }
    }
    return fresh;
  }

  private succeeded(name: LoopName): void {
    if (this.failures[name] > 0) {
      this.deps.logger.info(`${name}.recovered`, `${name} succeeded again after ${this.failures[name]} failure(s).`);
    }
    this.failures[name] = 0;
    this.deps.host.backendReachable();
  }

  /** Classifies a loop failure and returns the delay before the next attempt. */
  private failed(name: LoopName, error: unknown, signal: AbortSignal): number {
    const { host, opts, logger } = this.deps;
    if (signal.aborted) return 0;
    if (error instanceof AgentAuthError) {
      host.authFailed(error);
      return opts.retry.maxDelayMs;
    }
    if (isAgentDisabledError(error)) {
      host.disabledBy(error);
      return opts.retry.disabledDelayMs;
    }
    this.failures[name] += 1;
    const attempt = this.failures[name];
    const apiError = error instanceof AgentApiError ? error : undefined;
    const delay = Math.max(backoffDelay(attempt, opts.retry, opts.random), apiError?.retryAfterMs ?? 0);
    const status = apiError?.status ? ` HTTP ${apiError.status}` : '';
    const message = `${name} failed (${apiError?.code ?? 'UNEXPECTED'}${status}); next attempt in ${delay} ms.`;
    const data = { code: apiError?.code, status: apiError?.status, attempt, retryable: apiError?.retryable ?? false };
    // Log state transitions, not every failure of a streak.
    if (attempt === 1 || (apiError !== undefined && !apiError.retryable)) logger.warn(`${name}.failed`, message, data);
    else logger.debug(`${name}.failed`, message, data);
    host.error(
      error instanceof CapsuleAgentError ? error : new CapsuleAgentError('UNEXPECTED_ERROR', String(error), error),
    );
    return delay;
  }
}
