/**
 * `CapsuleAgent`: the public face of the SDK (sdk/README.md, "Methods"). Code written for the reference SDK
 * (`@xtrape/capsule-agent-node`) works unchanged apart from the import.
 */

import { EventEmitter } from 'node:events';

import { validateAction } from './catalog.js';
import { AgentConfigError } from './errors.js';
import type { AgentApiError, AgentAuthError, CapsuleAgentError } from './errors.js';
import { AgentLogger } from './logging.js';
import { resolveOptions } from './options.js';
import type { CapsuleAgentOptions, IntervalOptions, ResolvedOptions } from './options.js';
import type { BusEventResponse } from './protocol-bus.js';
import type { HealthReportInput, JsonObject } from './protocol.js';
import { AgentRuntime } from './runtime.js';
import type { AgentState } from './runtime.js';
import type { ActionDefinitionInput, ConfigProvider, HealthProvider } from './types.js';

/** Events emitted by {@link CapsuleAgent}. `error` is only emitted when a listener is attached. */
export interface CapsuleAgentEvents {
  /** Every failure inside the loops (network, 5xx, 4xx, auth, disabled, lost result). */
  error: [error: CapsuleAgentError];
  /** The agent registered and received credentials. */
  registered: [info: { agentId: string }];
  /** An operator disabled the agent (403 `AGENT_DISABLED`); the agent backs off and keeps probing. */
  disabled: [error: AgentApiError];
  /** The agent was re-enabled and resumed work. */
  enabled: [];
  /** The agent token was rejected; loops stopped and credentials were cleared. */
  'auth-failed': [error: AgentAuthError];
}

/** Options of {@link CapsuleAgent.stop}. */
export interface StopOptions {
  /** How long running actions may take to finish and report (default `stopTimeoutMs`, 10 s). */
  timeoutMs?: number;
}

/** Options of {@link CapsuleAgent.publish}. */
export interface PublishOptions {
  /** Event metadata. */
  metadata?: JsonObject;
  /** Correlation id. */
  correlationId?: string;
  /** Id of the event that caused this one. */
  causationId?: string;
  /** When the event occurred (default: now on the server). */
  occurredAt?: string | Date;
  /** Only record route matches; create no commands. */
  dryRun?: boolean;
}

/**
 * An embedded Opstage agent representing one Capsule Service.
 *
 * @example
 * ```ts
 * const agent = new CapsuleAgent({ service: { code: 'billing', name: 'Billing' } })
 *   .health(() => ({ status: 'UP' }))
 *   .action({ name: 'echo', label: 'Echo', handler: (payload) => ({ echo: payload }) });
 * await agent.start();
 * process.once('SIGTERM', () => void agent.stop().then(() => process.exit(0)));
 * ```
 */
export class CapsuleAgent extends EventEmitter<CapsuleAgentEvents> {
  private readonly options: ResolvedOptions;
  private readonly logger: AgentLogger;
  private readonly actions = new Map<string, ActionDefinitionInput>();
  private readonly runtime: AgentRuntime;
  private healthProvider: HealthProvider | undefined;
  private configProvider: ConfigProvider | undefined;

  /**
   * Validates the options (explicit option > environment variable > default).
   *
   * @param options - agent options
   * @throws AgentConfigError (`INVALID_OPTION`) for invalid options or environment variables
   */
  constructor(options: CapsuleAgentOptions) {
    super();
    this.options = resolveOptions(options, (message) => this.logger.warn('token.file', message));
    const { service, agent } = this.options;
    this.logger = new AgentLogger({
      level: this.options.logLevel,
      onLog: this.options.onLog,
      logger: this.options.logger,
      now: this.options.now,
      baseContext: () => {
        const context: Record<string, unknown> = { agentCode: agent.code, serviceCode: service.code };
        const agentId = this.runtime.agentId;
        if (agentId !== undefined) context['agentId'] = agentId;
        return context;
      },
    });
    this.runtime = new AgentRuntime(
      this.options,
      this.logger,
      { actions: this.actions, health: () => this.healthProvider, configs: () => this.configProvider },
      {
        error: (error) => {
          if (this.listenerCount('error') > 0) this.emit('error', error);
        },
        registered: (agentId) => this.emit('registered', { agentId }),
        disabled: (error) => this.emit('disabled', error),
        enabled: () => this.emit('enabled'),
        authFailed: (error) => this.emit('auth-failed', error),
      },
    );
  }

  /** Lifecycle state: `idle`, `starting`, `running`, `disabled`, `auth-failed`, `stopping`, `stopped`. */
  get state(): AgentState {
    return this.runtime.state;
  }

  /**
   * Results not yet accepted by the backend: waiting through an outage (retried with back-off) or
   * in flight. Bounded by the `maxPendingResults` option; 0 when everything was delivered.
   */
  get pendingResults(): number {
    return this.runtime.pendingResults;
  }

  /** Agent id (`agt_…`) once registered or loaded from the token store. */
  get agentId(): string | undefined {
    return this.runtime.agentId;
  }

  /** Service id (`svc_…`) learned from the last service report. */
  get serviceId(): string | undefined {
    return this.runtime.serviceId;
  }

  /** Effective loop cadences (server-provided values apply unless you set your own). */
  get intervals(): Readonly<Required<IntervalOptions>> {
    return this.runtime.effectiveIntervals;
  }

  /**
   * Registers the health provider (sampled on every heartbeat and report). Errors become `UNKNOWN`.
   *
   * @param provider - returns `{ status: 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN', message?, details? }`
   * @returns this agent, for chaining
   */
  health(provider: HealthProvider): this {
    if (typeof provider !== 'function') throw new AgentConfigError('health() needs a function.', 'health');
    this.healthProvider = provider;
    return this;
  }

  /**
   * Registers the config provider (sampled on every report). Errors keep the last good list.
   *
   * @param provider - returns config items; mark secrets `sensitive: true` (their values never leave the process)
   * @returns this agent, for chaining
   */
  configs(provider: ConfigProvider): this {
    if (typeof provider !== 'function') throw new AgentConfigError('configs() needs a function.', 'configs');
    this.configProvider = provider;
    return this;
  }

  /**
   * Registers an action. Actions added after `start()` are reported with the next report (or `reportNow()`).
   *
   * @param definition - catalog fields plus `handler` and optional `prepare`
   * @returns this agent, for chaining
   * @throws AgentConfigError `INVALID_OPTION` or `DUPLICATE_ACTION`
   */
  action<P extends JsonObject = JsonObject>(definition: ActionDefinitionInput<P>): this {
    const def = definition as unknown as ActionDefinitionInput;
    validateAction(def, this.actions);
    this.actions.set(def.name, { ...def });
    return this;
  }

  /**
   * Loads or obtains credentials, reports the service, and starts the loops (unless
   * `autoStartLoops` is false). Idempotent while running.
   *
   * @throws RegistrationError (never retried), AgentAuthError, NetworkError (retry budget exhausted), TokenStoreError
   */
  start(): Promise<void> {
    return this.runtime.start();
  }

  /**
   * Stops the loops, aborts every running handler's signal, waits (bounded) for results to be
   * reported, and closes the agent's HTTP dispatcher. Idempotent; never rejects.
   *
   * @param options - grace period
   */
  stop(options: StopOptions = {}): Promise<void> {
    return this.runtime.stop(options.timeoutMs ?? this.options.stopTimeoutMs);
  }

  /**
   * One poll cycle (no long-poll wait): runs each delivered command and reports its result.
   * Meant for `autoStartLoops: false` hosts and tests.
   *
   * @returns the number of commands executed
   */
  pollOnce(): Promise<number> {
    return this.runtime.pollOnce();
  }

  /** Runs the health provider now and returns the sanitised report (failures give `UNKNOWN`). */
  runHealth(): Promise<HealthReportInput> {
    return this.runtime.runHealth();
  }

  /** Sends a full service report now (manifest, health, configs, action catalog). */
  reportNow(): Promise<void> {
    return this.runtime.reportNow();
  }

  /**
   * Publishes a Capsule Bus event from this service (experimental; the backend must enable the
   * bus, else `AgentApiError` `CAPSULE_BUS_DISABLED`; rate limits give `BUS_RATE_LIMITED`).
   *
   * @param eventType - e.g. `order.created`
   * @param payload - event payload
   * @param options - metadata, correlation, dry run
   */
  publish(eventType: string, payload: JsonObject = {}, options: PublishOptions = {}): Promise<BusEventResponse> {
    if (typeof eventType !== 'string' || eventType.trim() === '') {
      return Promise.reject(new AgentConfigError('publish() needs an eventType.', 'eventType'));
    }
    const { occurredAt, dryRun, ...rest } = options;
    const body: Parameters<AgentRuntime['publish']>[0] = { eventType, payload, ...rest };
    if (occurredAt !== undefined) body.occurredAt = occurredAt instanceof Date ? occurredAt.toISOString() : occurredAt;
    if (dryRun !== undefined) body.routePolicy = { dryRun };
    return this.runtime.publish(body);
  }

  /** Alias of {@link CapsuleAgent.publish} (name used by the design docs). */
  publishEvent(eventType: string, payload: JsonObject = {}, options: PublishOptions = {}): Promise<BusEventResponse> {
    return this.publish(eventType, payload, options);
  }
}
