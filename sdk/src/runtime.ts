/**
 * The agent's behaviour (sdk/README.md, "Lifecycle", "Errors and retries", "Graceful shutdown"): the state machine that
 * drives the connection (connection.ts), the loops (agent-loops.ts) and result delivery (result-sender.ts), auth-failure
 * and disabled handling, graceful stop (internal; `CapsuleAgent` is the facade).
 */

import { AgentLoops } from './agent-loops.js';
import { ServiceSnapshot } from './catalog.js';
import { AgentApiClient } from './client.js';
import type { AgentAuth } from './client.js';
import { AgentConnection } from './connection.js';
import { AgentApiError, AgentAuthError, AgentConfigError, CapsuleAgentError, isAgentDisabledError } from './errors.js';
import { CommandExecutor } from './executor.js';
import { DispatcherSlot, HttpTransport } from './http.js';
import type { AgentLogger } from './logging.js';
import { applyServerIntervals, SDK_VERSION } from './options.js';
import type { ResolvedOptions } from './options.js';
import type { BusEventRequest, BusEventResponse } from './protocol-bus.js';
import type { HealthReportInput } from './protocol.js';
import { ResultSender } from './result-sender.js';
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

/** Extra time given to results of force-stopped actions. */
const FLUSH_WINDOW_MS = 2_000;

/** Agent runtime (internal). */
export class AgentRuntime {
  private readonly opts: ResolvedOptions;
  private readonly logger: AgentLogger;
  private readonly snapshot: ServiceSnapshot;
  private readonly hooks: RuntimeHooks;
  private readonly client: AgentApiClient;
  private readonly executor: CommandExecutor;
  private readonly intervals: ResolvedOptions['intervals'];
  private readonly loops: AgentLoops;
  private readonly dispatcher: DispatcherSlot;
  private readonly sender: ResultSender;
  private readonly connection: AgentConnection;
  private lifecycle = new AbortController();
  private stateValue: AgentState = 'idle';
  private disabled = false;
  private authHandling = false;
  private reRegistered = false;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  /**
   * @param opts - resolved options
   * @param logger - logger
   * @param providers - registered actions and providers
   * @param hooks - event callbacks
   */
  constructor(opts: ResolvedOptions, logger: AgentLogger, providers: RuntimeProviders, hooks: RuntimeHooks) {
    this.opts = opts;
    this.logger = logger;
    this.snapshot = new ServiceSnapshot(opts, logger, providers.actions, providers);
    this.hooks = hooks;
    this.intervals = { ...opts.intervals };
    this.dispatcher = new DispatcherSlot(opts.dispatcher, opts.env);
    const transport = new HttpTransport({
      backendUrl: opts.backendUrl,
      fetch: opts.fetch,
      dispatcher: () => this.dispatcher.current(),
      requestTimeoutMs: opts.requestTimeoutMs,
      now: opts.now,
      userAgent: `opstage-agent-node/${SDK_VERSION} node/${process.version}`,
    });
    this.client = new AgentApiClient(transport);
    const connection = (this.connection = new AgentConnection({
      opts,
      logger,
      client: this.client,
      snapshot: this.snapshot,
      intervals: this.intervals,
      retryCtx: { retry: opts.retry, random: opts.random, logger },
      registered: (agentId) => hooks.registered(agentId),
      disabledBy: (error) => this.markDisabled(error),
      error: (error) => hooks.error(error),
    }));
    const sender = (this.sender = new ResultSender({
      opts,
      logger,
      client: this.client,
      auth: () => connection.credentials,
      signal: () => this.lifecycle.signal,
      authFailed: (error) => void this.handleAuthFailure(error),
      disabledBy: (error) => this.markDisabled(error),
      error: (error) => hooks.error(error),
    }));
    this.executor = new CommandExecutor({
      actions: providers.actions,
      serviceCode: opts.service.code,
      agentId: () => connection.credentials?.agentId ?? '',
      send: (command, body) => sender.send(command, body),
      logger,
      now: opts.now,
      maxConcurrent: opts.maxConcurrentCommands,
      maxResultBytes: opts.maxResultBytes,
    });
    this.loops = new AgentLoops({
      opts,
      logger,
      client: this.client,
      executor: this.executor,
      intervals: this.intervals,
      host: {
        auth: () => connection.credentials,
        serviceId: () => connection.serviceId,
        isDisabled: () => this.disabled,
        isReportPending: () => connection.reportPending,
        setReportPending: () => {
          connection.reportPending = true;
        },
        runHealth: () => this.runHealth(),
        report: (signal) => connection.report(signal),
        applyServerIntervals: (values) => applyServerIntervals(this.intervals, opts.explicitIntervals, values),
        cancelCommands: (ids) => this.cancelCommands(ids),
        backendReachable: () => this.markEnabled(),
        authFailed: (error) => void this.handleAuthFailure(error),
        disabledBy: (error) => this.markDisabled(error),
        error: (error) => hooks.error(error),
      },
    });
  }

  /** Current state. */
  get state(): AgentState {
    return this.stateValue;
  }

  /** Agent id once registered or loaded. */
  get agentId(): string | undefined {
    return this.connection.credentials?.agentId;
  }

  /** Service id (`svc_…`) learned from the last report. */
  get serviceId(): string | undefined {
    return this.connection.serviceId;
  }

  /** Results waiting for the backend to accept them (or in flight). */
  get pendingResults(): number {
    return this.sender.pending;
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
    const outcome = await this.guard(
      this.client.pollCommands(
        auth,
        Math.max(1, this.executor.freeSlots),
        0,
        this.opts.requestTimeoutMs,
        this.lifecycle.signal,
      ),
    );
    this.cancelCommands(outcome.cancelledCommandIds);
    await Promise.all(outcome.commands.map((command) => this.executor.dispatch(command)));
    return outcome.commands.length;
  }

  /** Sends a full service report now. */
  async reportNow(): Promise<void> {
    this.requireConnected('reportNow');
    await this.guard(this.connection.report(this.lifecycle.signal));
  }

  /** Publishes a Capsule Bus event from this agent's service. */
  async publish(body: Omit<BusEventRequest, 'sourceServiceCode'>): Promise<BusEventResponse> {
    const auth = this.requireConnected('publish');
    return this.guard(
      this.client.publishEvent(auth, { ...body, sourceServiceCode: this.opts.service.code }, this.lifecycle.signal),
    );
  }

  /** Runs the health provider (sanitised; failures become UNKNOWN). */
  runHealth(): Promise<HealthReportInput> {
    return this.snapshot.health();
  }

  private async doStart(): Promise<void> {
    this.stateValue = 'starting';
    this.lifecycle = new AbortController();
    this.disabled = false;
    this.reRegistered = false;
    this.dispatcher.open();
    const signal = this.lifecycle.signal;
    try {
      await this.connection.connect(signal);
      if (signal.aborted)
        throw new CapsuleAgentError('AGENT_STOPPED', 'stop() was called while the agent was starting.');
      this.stateValue = this.disabled ? 'disabled' : 'running';
      if (this.opts.autoStartLoops) this.loops.start();
      this.logger.info(
        'agent.started',
        `Agent ${this.agentId ?? ''} started${this.opts.autoStartLoops ? '' : ' (loops disabled; use pollOnce())'}.`,
      );
    } catch (error) {
      const state: AgentState = this.stateValue;
      if (state === 'starting') {
        this.stateValue = error instanceof AgentAuthError ? 'auth-failed' : 'stopped';
        await this.dispatcher.close();
      }
      this.logger.error(
        'agent.start_failed',
        `Agent failed to start: ${error instanceof Error ? error.message : String(error)}`,
        {
          code: error instanceof CapsuleAgentError ? error.code : undefined,
        },
      );
      throw error;
    }
  }

  private async doStop(timeoutMs: number): Promise<void> {
    const pendingStart = this.starting;
    this.stateValue = 'stopping';
    if (pendingStart) {
      this.lifecycle.abort();
      await pendingStart.catch(() => undefined);
    }
    await this.loops.stop();
    this.executor.abortAll();
    if (!(await this.executor.drain(timeoutMs))) {
      const forced = this.executor.forceStop();
      this.logger.warn(
        'agent.stop_timeout',
        `${forced} action(s) did not finish within ${timeoutMs} ms; reported as AGENT_STOPPED.`,
      );
      await this.executor.drain(FLUSH_WINDOW_MS);
    }
    this.lifecycle.abort();
    this.sender.abandon();
    await this.dispatcher.close();
    this.stateValue = 'stopped';
    this.logger.info('agent.stopped', 'Agent stopped.');
  }

  private markDisabled(error: AgentApiError): void {
    if (this.disabled) return;
    this.disabled = true;
    if (this.stateValue === 'running') this.stateValue = 'disabled';
    this.logger.warn(
      'agent.disabled',
      `Agent is disabled by an operator; keeping its token and probing every ${this.opts.retry.disabledDelayMs} ms.`,
    );
    this.hooks.error(error);
    this.hooks.disabled(error);
  }

  private markEnabled(): void {
    if (!this.disabled) return;
    this.disabled = false;
    if (this.stateValue === 'disabled') this.stateValue = 'running';
    this.connection.reportPending = true;
    this.logger.info('agent.enabled', 'Agent is enabled again; resuming work.');
    this.hooks.enabled();
    this.loops.wake();
  }

  private async handleAuthFailure(error: AgentAuthError): Promise<void> {
    if (this.authHandling || ['auth-failed', 'stopping', 'stopped'].includes(this.stateValue)) return;
    this.authHandling = true;
    try {
      this.connection.credentials = undefined;
      this.stateValue = 'auth-failed';
      this.logger.error(
        'agent.auth_failed',
        `Agent token rejected (${error.code}): loops stopped and credentials cleared. Re-register with a fresh registration token.`,
      );
      await this.loops.stop();
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
      await this.connection.register(this.lifecycle.signal);
      await this.connection.initialReport(this.lifecycle.signal);
      const state: AgentState = this.stateValue;
      if (state !== 'auth-failed') return;
      this.stateValue = this.disabled ? 'disabled' : 'running';
      if (this.opts.autoStartLoops) this.loops.start();
    } catch (error) {
      this.connection.credentials = undefined;
      this.logger.error(
        'agent.reregister_failed',
        `Re-registration failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (error instanceof CapsuleAgentError) this.hooks.error(error);
    }
  }

  private cancelCommands(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of this.executor.cancel(ids)) {
      this.logger.info('command.cancel_received', `Operator cancelled ${id}; aborting its handler.`, { commandId: id });
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

  private requireConnected(method: string): AgentAuth {
    if (this.stateValue !== 'running' && this.stateValue !== 'disabled') {
      throw new AgentConfigError(
        `${method}() needs a started agent (state: ${this.stateValue}).`,
        undefined,
        'AGENT_NOT_STARTED',
      );
    }
    return this.connection.requireAuth();
  }
}
