/**
 * The agent's behaviour (§A.8, §A.9, §A.11, §A.13): connection, loops, result delivery,
 * auth-failure and disabled handling, graceful stop (internal; `CapsuleAgent` is the facade).
 */

import type { Dispatcher } from 'undici';

import { backoffDelay, sleep } from './backoff.js';
import { buildReportedService, runConfigProvider, runHealthProvider } from './catalog.js';
import { AgentApiClient } from './client.js';
import type { AgentAuth, HeartbeatOutcome } from './client.js';
import { AgentApiError, AgentAuthError, AgentConfigError, CapsuleAgentError, isAgentDisabledError } from './errors.js';
import { CommandExecutor } from './executor.js';
import { createProxyDispatcher, HttpTransport } from './http.js';
import type { AgentLogger } from './logging.js';
import { Loop } from './loop.js';
import { SDK_VERSION } from './options.js';
import type { ResolvedOptions } from './options.js';
import type { AgentCommand, BusEventRequest, BusEventResponse, CommandResultBody, ConfigItemWire, HealthReportInput, ReportedService } from './protocol.js';
import { loadUsableCredentials, registerAgent, withStartupRetry } from './session.js';
import type { StartupRetryContext } from './session.js';
import type { AgentCredentials } from './token-store.js';
import type { ActionDefinitionInput, ConfigProvider, HealthProvider } from './types.js';

/** Lifecycle state of an agent. */
export type AgentState = 'idle' | 'starting' | 'running' | 'disabled' | 'auth-failed' | 'stopping' | 'stopped';

/** Callbacks from the runtime to the facade (events). */
export interface RuntimeHooks {
  error(error: CapsuleAgentError): void;
  registered(agentId: string): void;
  disabled(error: AgentApiError): void;
  enabled(): void;
  authFailed(error: AgentAuthError): void;
}

/** What the facade registered. */
export interface RuntimeProviders {
  actions: ReadonlyMap<string, ActionDefinitionInput>;
  health(): HealthProvider | undefined;
  configs(): ConfigProvider | undefined;
}

type LoopName = 'heartbeat' | 'report' | 'commands';

const RESULT_RETRY_WINDOW_MS = 5 * 60_000;
const FLUSH_WINDOW_MS = 2_000;
const DROP_RESULT_CODES = new Set(['COMMAND_ALREADY_COMPLETED', 'COMMAND_NOT_FOUND', 'COMMAND_NOT_RUNNING']);

/** Agent runtime (internal). */
export class AgentRuntime {
  private readonly opts: ResolvedOptions;
  private readonly logger: AgentLogger;
  private readonly providers: RuntimeProviders;
  private readonly hooks: RuntimeHooks;
  private readonly client: AgentApiClient;
  private readonly executor: CommandExecutor;
  private readonly retryCtx: StartupRetryContext;
  private readonly intervals: ResolvedOptions['intervals'];
  private readonly loops: Record<LoopName, Loop>;
  private readonly failures: Record<LoopName, number> = { heartbeat: 0, report: 0, commands: 0 };
  private dispatcher: Dispatcher | undefined;
  private ownsDispatcher = false;
  private credentials: AgentCredentials | undefined;
  private lastConfigs: ConfigItemWire[] | undefined;
  private lifecycle = new AbortController();
  private stateValue: AgentState = 'idle';
  private disabled = false;
  private reportPending = false;
  private authHandling = false;
  private reRegistered = false;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private serviceIdValue: string | undefined;

  /**
   * @param opts - resolved options
   * @param logger - logger
   * @param providers - registered actions and providers
   * @param hooks - event callbacks
   */
  constructor(opts: ResolvedOptions, logger: AgentLogger, providers: RuntimeProviders, hooks: RuntimeHooks) {
    this.opts = opts;
    this.logger = logger;
    this.providers = providers;
    this.hooks = hooks;
    this.intervals = { ...opts.intervals };
    this.retryCtx = { retry: opts.retry, random: opts.random, logger };
    const transport = new HttpTransport({
      backendUrl: opts.backendUrl,
      fetch: opts.fetch,
      dispatcher: () => this.dispatcher,
      requestTimeoutMs: opts.requestTimeoutMs,
      now: opts.now,
      userAgent: `opstage-agent-node/${SDK_VERSION} node/${process.version}`,
    });
    this.client = new AgentApiClient(transport);
    this.executor = new CommandExecutor({
      actions: providers.actions,
      serviceCode: opts.service.code,
      agentId: () => this.credentials?.agentId ?? '',
      send: (command, body) => this.sendResult(command, body),
      logger,
      now: opts.now,
      maxConcurrent: opts.maxConcurrentCommands,
      maxResultBytes: opts.maxResultBytes,
    });
    const loop = (name: LoopName, tick: (signal: AbortSignal) => Promise<number>): Loop =>
      new Loop(tick, (error) => this.loopCrashed(name, error));
    this.loops = {
      heartbeat: loop('heartbeat', (signal) => this.heartbeatTick(signal)),
      report: loop('report', (signal) => this.reportTick(signal)),
      commands: loop('commands', (signal) => this.commandTick(signal)),
    };
  }

  /** Current state. */
  get state(): AgentState {
    return this.stateValue;
  }

  /** Agent id once registered or loaded. */
  get agentId(): string | undefined {
    return this.credentials?.agentId;
  }

  /** Service id (`svc_…`) learned from the last report. */
  get serviceId(): string | undefined {
    return this.serviceIdValue;
  }

  /** Effective loop cadences (after server-provided intervals). */
  get effectiveIntervals(): Readonly<ResolvedOptions['intervals']> {
    return { ...this.intervals };
  }

  /** Starts the agent (idempotent while running). */
  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (this.stateValue === 'running' || this.stateValue === 'disabled') return;
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops loops, aborts handlers, waits up to `timeoutMs` for results, closes the dispatcher. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.stateValue === 'idle' || this.stateValue === 'stopped') return;
    this.stopping ??= this.doStop(timeoutMs).finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  /** One short poll: runs the delivered commands and reports each; resolves with their number. */
  async pollOnce(): Promise<number> {
    const auth = this.requireConnected('pollOnce');
    const outcome = await this.guard(this.client.pollCommands(auth, Math.max(1, this.executor.freeSlots), 0, this.opts.requestTimeoutMs, this.lifecycle.signal));
    this.cancelCommands(outcome.cancelledCommandIds);
    await Promise.all(outcome.commands.map((command) => this.executor.dispatch(command)));
    return outcome.commands.length;
  }

  /** Sends a full service report now. */
  async reportNow(): Promise<void> {
    this.requireConnected('reportNow');
    await this.guard(this.report(this.lifecycle.signal));
  }

  /** Publishes a Capsule Bus event from this agent's service. */
  async publish(body: Omit<BusEventRequest, 'sourceServiceCode'>): Promise<BusEventResponse> {
    const auth = this.requireConnected('publish');
    return this.guard(this.client.publishEvent(auth, { ...body, sourceServiceCode: this.opts.service.code }, this.lifecycle.signal));
  }

  /** Runs the health provider (sanitised; failures become UNKNOWN). */
  async runHealth(): Promise<HealthReportInput> {
    const { report, error } = await runHealthProvider(this.providers.health(), this.opts.healthTimeoutMs);
    if (error !== undefined) this.logger.warn('health.failed', 'Health provider failed; reporting UNKNOWN.', { error });
    return report;
  }

  private async doStart(): Promise<void> {
    this.stateValue = 'starting';
    this.lifecycle = new AbortController();
    this.disabled = false;
    this.reRegistered = false;
    this.ensureDispatcher();
    const signal = this.lifecycle.signal;
    try {
      await this.connect(signal);
      if (signal.aborted) throw new CapsuleAgentError('AGENT_STOPPED', 'stop() was called while the agent was starting.');
      this.stateValue = this.disabled ? 'disabled' : 'running';
      if (this.opts.autoStartLoops) this.startLoops();
      this.logger.info('agent.started', `Agent ${this.agentId ?? ''} started${this.opts.autoStartLoops ? '' : ' (loops disabled; use pollOnce())'}.`);
    } catch (error) {
      if (this.currentState() === 'starting') {
        this.stateValue = error instanceof AgentAuthError ? 'auth-failed' : 'stopped';
        await this.closeDispatcher();
      }
      this.logger.error('agent.start_failed', `Agent failed to start: ${error instanceof Error ? error.message : String(error)}`, {
        code: error instanceof CapsuleAgentError ? error.code : undefined,
      });
      throw error;
    }
  }

  private currentState(): AgentState {
    return this.stateValue;
  }

  private async doStop(timeoutMs: number): Promise<void> {
    const pendingStart = this.starting;
    this.stateValue = 'stopping';
    if (pendingStart) {
      this.lifecycle.abort();
      await pendingStart.catch(() => undefined);
    }
    await this.stopLoops();
    this.executor.abortAll();
    if (!(await this.executor.drain(timeoutMs))) {
      const forced = this.executor.forceStop();
      this.logger.warn('agent.stop_timeout', `${forced} action(s) did not finish within ${timeoutMs} ms; reported as AGENT_STOPPED.`);
      await this.executor.drain(FLUSH_WINDOW_MS);
    }
    this.lifecycle.abort();
    await this.closeDispatcher();
    this.stateValue = 'stopped';
    this.logger.info('agent.stopped', 'Agent stopped.');
  }

  private async connect(signal: AbortSignal): Promise<void> {
    const stored = await loadUsableCredentials(this.opts, this.logger);
    if (stored) {
      this.credentials = stored;
      try {
        await this.initialReport(signal);
        this.logger.info('agent.resumed', `Using stored credentials of agent ${stored.agentId}.`);
        if (stored.backendUrl === undefined) {
          await this.persist({ ...stored, backendUrl: this.opts.backendUrl, agentCode: this.opts.agent.code, savedAt: this.isoNow() });
        }
        return;
      } catch (error) {
        if (!(error instanceof AgentAuthError)) throw error;
        this.credentials = undefined;
        await this.opts.tokenStore.clear();
        this.logger.warn('token.rejected', `Stored agent token was rejected (${error.code}); credentials cleared.`);
        if (this.opts.registrationToken === undefined) throw error;
      }
    }
    await this.register(signal);
    await this.initialReport(signal);
  }

  private async register(signal: AbortSignal): Promise<void> {
    const service = await this.buildService();
    const { credentials, response } = await registerAgent(this.opts, this.client, service, this.retryCtx, signal);
    this.credentials = credentials;
    this.applyServerIntervals(response);
    await this.persist(credentials);
    this.logger.info('agent.registered', `Registered as agent ${credentials.agentId} (code ${this.opts.agent.code}).`);
    this.hooks.registered(credentials.agentId);
  }

  private async initialReport(signal: AbortSignal): Promise<void> {
    try {
      await withStartupRetry('Service report', () => this.report(signal), this.retryCtx, signal);
    } catch (error) {
      if (!isAgentDisabledError(error)) throw error;
      this.markDisabled(error);
      this.reportPending = true;
    }
  }

  private async persist(credentials: AgentCredentials): Promise<void> {
    try {
      await this.opts.tokenStore.save(credentials);
    } catch (error) {
      const wrapped = error instanceof CapsuleAgentError ? error : new CapsuleAgentError('TOKEN_STORE_FAILED', 'Saving agent credentials failed.', error);
      this.logger.error('token.save_failed', `${wrapped.message} The agent runs, but a restart will need a new registration token.`);
      this.hooks.error(wrapped);
    }
  }

  private async buildService(): Promise<ReportedService> {
    const health = await this.runHealth();
    try {
      this.lastConfigs = (await runConfigProvider(this.providers.configs(), this.opts.healthTimeoutMs)) ?? this.lastConfigs;
    } catch (error) {
      this.logger.warn('configs.failed', 'Config provider failed; reporting the last known list.', { error });
    }
    return buildReportedService(this.opts, this.providers.actions.values(), health, this.lastConfigs);
  }

  private async report(signal: AbortSignal): Promise<void> {
    const auth = this.requireAuth();
    const service = await this.buildService();
    const states = await this.client.reportServices(auth, { services: [service] }, signal);
    const mine = states.find((state) => state.code === service.code);
    if (mine) this.serviceIdValue = mine.id;
    this.reportPending = false;
  }

  private startLoops(): void {
    this.loops.heartbeat.start(this.disabled ? this.opts.retry.disabledDelayMs : this.intervals.heartbeatMs);
    this.loops.report.start(this.intervals.serviceReportMs);
    this.loops.commands.start(0);
  }

  private async stopLoops(): Promise<void> {
    await Promise.all(Object.values(this.loops).map((loop) => loop.stop()));
  }

  private async heartbeatTick(signal: AbortSignal): Promise<number> {
    const auth = this.credentials;
    if (!auth) return this.intervals.heartbeatMs;
    const body = this.serviceIdValue ? { serviceId: this.serviceIdValue, health: await this.runHealth() } : {};
    let outcome: HeartbeatOutcome;
    try {
      outcome = await this.client.heartbeat(auth, body, signal);
    } catch (error) {
      return this.loopFailed('heartbeat', error, signal);
    }
    this.loopSucceeded('heartbeat');
    this.applyServerIntervals(outcome);
    this.cancelCommands(outcome.cancelledCommandIds);
    if (this.reportPending) this.loops.report.wake();
    return this.intervals.heartbeatMs;
  }

  private async reportTick(signal: AbortSignal): Promise<number> {
    if (!this.credentials || this.disabled) return this.disabled ? this.opts.retry.disabledDelayMs : this.intervals.serviceReportMs;
    try {
      await this.report(signal);
    } catch (error) {
      this.reportPending = true;
      return this.loopFailed('report', error, signal);
    }
    this.loopSucceeded('report');
    return this.intervals.serviceReportMs;
  }

  private async commandTick(signal: AbortSignal): Promise<number> {
    if (this.disabled) return this.opts.retry.disabledDelayMs;
    await this.executor.waitForSlot(signal);
    const auth = this.credentials;
    if (!auth || signal.aborted) return this.intervals.commandPollMs;
    const started = this.opts.now();
    const wait = this.opts.longPollSeconds;
    try {
      const outcome = await this.client.pollCommands(auth, Math.max(1, this.executor.freeSlots), wait, wait * 1000 + this.opts.requestTimeoutMs, signal);
      this.loopSucceeded('commands');
      this.cancelCommands(outcome.cancelledCommandIds);
      for (const command of outcome.commands) void this.executor.dispatch(command);
      if (outcome.commands.length > 0) return 0;
    } catch (error) {
      return this.loopFailed('commands', error, signal);
    }
    // An empty answer that came back early means no long-poll (REF backend): keep the cadence.
    return Math.max(0, this.intervals.commandPollMs - (this.opts.now() - started));
  }

  private loopSucceeded(name: LoopName): void {
    if (this.failures[name] > 0) this.logger.info(`${name}.recovered`, `${name} succeeded again after ${this.failures[name]} failure(s).`);
    this.failures[name] = 0;
    this.markEnabled();
  }

  private loopFailed(name: LoopName, error: unknown, signal: AbortSignal): number {
    if (signal.aborted) return 0;
    if (error instanceof AgentAuthError) {
      void this.handleAuthFailure(error);
      return this.opts.retry.maxDelayMs;
    }
    if (isAgentDisabledError(error)) {
      this.markDisabled(error);
      return this.opts.retry.disabledDelayMs;
    }
    this.failures[name] += 1;
    const attempt = this.failures[name];
    const apiError = error instanceof AgentApiError ? error : undefined;
    const delay = Math.max(backoffDelay(attempt, this.opts.retry, this.opts.random), apiError?.retryAfterMs ?? 0);
    const message = `${name} failed (${apiError?.code ?? 'UNEXPECTED'}${apiError?.status ? ` HTTP ${apiError.status}` : ''}); next attempt in ${delay} ms.`;
    const data = { code: apiError?.code, status: apiError?.status, attempt, retryable: apiError?.retryable ?? false };
    if (attempt === 1 || (apiError !== undefined && !apiError.retryable)) this.logger.warn(`${name}.failed`, message, data);
    else this.logger.debug(`${name}.failed`, message, data);
    this.hooks.error(error instanceof CapsuleAgentError ? error : new CapsuleAgentError('UNEXPECTED_ERROR', String(error), error));
    return delay;
  }

  private loopCrashed(name: LoopName, error: unknown): number {
    this.logger.error(`${name}.crashed`, 'Unexpected error in an agent loop.', { error });
    return backoffDelay(1, this.opts.retry, this.opts.random);
  }

  private markDisabled(error: AgentApiError): void {
    if (this.disabled) return;
    this.disabled = true;
    if (this.stateValue === 'running') this.stateValue = 'disabled';
    this.logger.warn('agent.disabled', `Agent is disabled by an operator; keeping its token and probing every ${this.opts.retry.disabledDelayMs} ms.`);
    this.hooks.error(error);
    this.hooks.disabled(error);
  }

  private markEnabled(): void {
    if (!this.disabled) return;
    this.disabled = false;
    if (this.stateValue === 'disabled') this.stateValue = 'running';
    this.reportPending = true;
    this.logger.info('agent.enabled', 'Agent is enabled again; resuming work.');
    this.hooks.enabled();
    this.loops.report.wake();
    this.loops.commands.wake();
  }

  private async handleAuthFailure(error: AgentAuthError): Promise<void> {
    if (this.authHandling || this.stateValue === 'stopping' || this.stateValue === 'stopped') return;
    this.authHandling = true;
    try {
      this.credentials = undefined;
      this.stateValue = 'auth-failed';
      this.logger.error('agent.auth_failed', `Agent token rejected (${error.code}): loops stopped and credentials cleared. Re-register with a fresh registration token.`);
      await this.stopLoops();
      this.executor.abortAll();
      await this.opts.tokenStore.clear().catch(() => undefined);
      this.hooks.error(error);
      this.hooks.authFailed(error);
      if (this.opts.registrationToken !== undefined && !this.reRegistered) await this.reRegister();
    } finally {
      this.authHandling = false;
    }
  }

  private async reRegister(): Promise<void> {
    this.reRegistered = true;
    try {
      await this.register(this.lifecycle.signal);
      await this.initialReport(this.lifecycle.signal);
      if (this.currentState() !== 'auth-failed') return;
      this.stateValue = this.disabled ? 'disabled' : 'running';
      if (this.opts.autoStartLoops) this.startLoops();
    } catch (error) {
      this.credentials = undefined;
      this.logger.error('agent.reregister_failed', `Re-registration failed: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof CapsuleAgentError) this.hooks.error(error);
    }
  }

  private async sendResult(command: AgentCommand, body: CommandResultBody): Promise<void> {
    const deadline = this.opts.now() + RESULT_RETRY_WINDOW_MS;
    let current = body;
    for (let attempt = 1; ; attempt += 1) {
      const auth = this.credentials;
      if (!auth) {
        this.logger.warn('result.dropped', 'Result not reported: the agent has no valid credentials.', { commandId: command.id });
        return;
      }
      try {
        await this.client.reportResult(auth, command.id, current, this.lifecycle.signal);
        this.logger.debug('result.reported', 'Result reported.', { commandId: command.id, success: current.success });
        return;
      } catch (error) {
        if (error instanceof AgentAuthError) {
          void this.handleAuthFailure(error);
          return;
        }
        if (!(error instanceof AgentApiError)) throw error;
        if (DROP_RESULT_CODES.has(error.code)) {
          this.logger.info('result.dropped', `Result dropped: ${error.code} (cancelled, expired or already reported).`, { commandId: command.id });
          return;
        }
        if (error.status === 413 && current.error?.code !== 'RESULT_TOO_LARGE') {
          const message = 'The action result exceeded the backend size limit.';
          current = { success: false, message, error: { code: 'RESULT_TOO_LARGE', message } };
          continue;
        }
        const disabled = isAgentDisabledError(error);
        if (disabled) this.markDisabled(error);
        if ((!error.retryable && !disabled) || this.lifecycle.signal.aborted || this.opts.now() >= deadline) {
          this.logger.error('result.lost', `Result of ${command.id} could not be reported (${error.code}).`, { commandId: command.id, code: error.code });
          this.hooks.error(error);
          return;
        }
        const delay = disabled ? this.opts.retry.disabledDelayMs : Math.max(backoffDelay(attempt, this.opts.retry, this.opts.random), error.retryAfterMs ?? 0);
        await sleep(Math.min(delay, Math.max(0, deadline - this.opts.now())), this.lifecycle.signal);
      }
    }
  }

  private cancelCommands(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of this.executor.cancel(ids)) {
      this.logger.info('command.cancel_received', `Operator cancelled ${id}; aborting its handler.`, { commandId: id });
    }
  }

  private applyServerIntervals(values: { heartbeatIntervalSeconds?: number; commandPollIntervalSeconds?: number }): void {
    const clamp = (seconds: number): number => Math.min(3_600_000, Math.max(1_000, Math.round(seconds * 1000)));
    if (!this.opts.explicitIntervals.heartbeatMs && values.heartbeatIntervalSeconds) {
      this.intervals.heartbeatMs = clamp(values.heartbeatIntervalSeconds);
    }
    if (!this.opts.explicitIntervals.commandPollMs && values.commandPollIntervalSeconds) {
      this.intervals.commandPollMs = clamp(values.commandPollIntervalSeconds);
    }
  }

  private async guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof AgentAuthError) void this.handleAuthFailure(error);
      else if (isAgentDisabledError(error)) this.markDisabled(error);
      throw error;
    }
  }

  private requireAuth(): AgentAuth {
    if (!this.credentials) throw new AgentConfigError('The agent has no credentials; call start() first.', undefined, 'AGENT_NOT_STARTED');
    return this.credentials;
  }

  private requireConnected(method: string): AgentAuth {
    if (this.stateValue !== 'running' && this.stateValue !== 'disabled') {
      throw new AgentConfigError(`${method}() needs a started agent (state: ${this.stateValue}).`, undefined, 'AGENT_NOT_STARTED');
    }
    return this.requireAuth();
  }

  private ensureDispatcher(): void {
    if (this.dispatcher) return;
    this.ownsDispatcher = this.opts.dispatcher === undefined;
    this.dispatcher = this.opts.dispatcher ?? createProxyDispatcher(this.opts.env);
  }

  private async closeDispatcher(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    if (!dispatcher || !this.ownsDispatcher) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 1_000);
    });
    const closed = dispatcher.close().then(() => true, () => true);
    const ok = await Promise.race([closed, timedOut]);
    clearTimeout(timer);
    if (!ok) await dispatcher.destroy().catch(() => undefined);
  }

  private isoNow(): string {
    return new Date(this.opts.now()).toISOString();
  }
}
