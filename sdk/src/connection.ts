/**
 * The agent's connection to the backend (sdk/README.md, "Lifecycle"): stored credentials or a
 * fresh registration, the service report and saving credentials (internal; `AgentRuntime` owns the
 * state machine and calls this).
 */

import type { ServiceSnapshot } from './catalog.js';
import type { AgentApiClient, AgentAuth } from './client.js';
import { AgentAuthError, AgentConfigError, CapsuleAgentError, isAgentDisabledError } from './errors.js';
import type { AgentApiError } from './errors.js';
import type { AgentLogger } from './logging.js';
import { applyServerIntervals } from './options.js';
import type { ResolvedOptions } from './options.js';
import { loadUsableCredentials, registerAgent, withStartupRetry } from './session.js';
import type { StartupRetryContext } from './session.js';
import type { AgentCredentials } from './token-store.js';

/** What the connection needs from the runtime. */
export interface ConnectionDeps {
  opts: ResolvedOptions;
  logger: AgentLogger;
  client: AgentApiClient;
  snapshot: ServiceSnapshot;
  /** The runtime's live cadences; a register response may change them. */
  intervals: ResolvedOptions['intervals'];
  retryCtx: StartupRetryContext;
  registered(agentId: string): void;
  disabledBy(error: AgentApiError): void;
  error(error: CapsuleAgentError): void;
}

/** Credentials, registration and the service report of one agent (internal). */
export class AgentConnection {
  /** Current credentials; cleared when the backend rejects them. */
  credentials: AgentCredentials | undefined;
  /** A full service report is owed (after re-enable, or when the initial one met a disabled agent). */
  reportPending = false;
  private serviceIdValue: string | undefined;

  /** @param deps - options, client, snapshot and the runtime's callbacks */
  constructor(private readonly deps: ConnectionDeps) {}

  /** Service id (`svc_…`) learned from the last report. */
  get serviceId(): string | undefined {
    return this.serviceIdValue;
  }

  /** Uses stored credentials when the backend still accepts them, else registers; then reports. */
  async connect(signal: AbortSignal): Promise<void> {
    const { opts, logger } = this.deps;
    const stored = await loadUsableCredentials(opts, logger);
    if (stored) {
      this.credentials = stored;
      try {
        await this.initialReport(signal);
        logger.info('agent.resumed', `Using stored credentials of agent ${stored.agentId}.`);
        if (stored.backendUrl === undefined) {
          await this.persist({
            ...stored,
            backendUrl: opts.backendUrl,
            agentCode: opts.agent.code,
            savedAt: new Date(opts.now()).toISOString(),
          });
        }
        return;
      } catch (error) {
        if (!(error instanceof AgentAuthError)) throw error;
        this.credentials = undefined;
        await opts.tokenStore.clear();
        logger.warn('token.rejected', `Stored agent token was rejected (${error.code}); credentials cleared.`);
        if (opts.registrationToken === undefined) throw error;
      }
    }
    await this.register(signal);
    await this.initialReport(signal);
  }

  /** Registers with the registration token and saves the new credentials. */
  async register(signal: AbortSignal): Promise<void> {
    const { opts, logger } = this.deps;
    const service = await this.deps.snapshot.build();
    const { credentials, response } = await registerAgent(opts, this.deps.client, service, this.deps.retryCtx, signal);
    this.credentials = credentials;
    applyServerIntervals(this.deps.intervals, opts.explicitIntervals, response);
    await this.persist(credentials);
    logger.info('agent.registered', `Registered as agent ${credentials.agentId} (code ${opts.agent.code}).`);
    this.deps.registered(credentials.agentId);
  }

  /** The start-up report, retried while transient; a disabled agent starts anyway and reports later. */
  async initialReport(signal: AbortSignal): Promise<void> {
    try {
      await withStartupRetry('Service report', () => this.report(signal), this.deps.retryCtx, signal);
    } catch (error) {
      if (!isAgentDisabledError(error)) throw error;
      this.deps.disabledBy(error);
      this.reportPending = true;
    }
  }

  /** Sends a full service report and learns the service id. */
  async report(signal: AbortSignal): Promise<void> {
    const auth = this.requireAuth();
    const service = await this.deps.snapshot.build();
    const states = await this.deps.client.reportServices(auth, { services: [service] }, signal);
    const mine = states.find((state) => state.code === service.code);
    if (mine) this.serviceIdValue = mine.id;
    this.reportPending = false;
  }

  /** The credentials, or AGENT_NOT_STARTED. */
  requireAuth(): AgentAuth {
    if (!this.credentials)
      throw new AgentConfigError('The agent has no credentials; call start() first.', undefined, 'AGENT_NOT_STARTED');
    return this.credentials;
  }

  private async persist(credentials: AgentCredentials): Promise<void> {
    try {
      await this.deps.opts.tokenStore.save(credentials);
    } catch (error) {
      const wrapped =
        error instanceof CapsuleAgentError
          ? error
          : new CapsuleAgentError('TOKEN_STORE_FAILED', 'Saving agent credentials failed.', error);
      this.deps.logger.error(
        'token.save_failed',
        `${wrapped.message} The agent runs, but a restart will need a new registration token.`,
      );
      this.deps.error(wrapped);
    }
  }
}
