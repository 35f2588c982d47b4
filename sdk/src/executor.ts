/**
 * Runs delivered commands (sdk/README.md, "Actions"): dispatch by type, per-command AbortSignal (cancel, timeout,
 * stop), exactly one result per command.
 */

import { CapsuleAgentError } from './errors.js';
import type { AgentLogger } from './logging.js';
import type { AgentCommand, CommandResultBody } from './protocol.js';
import { errorToResultBody, schemaDefaults, toPrepareBody, toResultBody } from './results.js';
import type { ActionContext, ActionDefinitionInput } from './types.js';

/** Prepare commands are waited on by the console for 30 s at most. */
const PREPARE_LIMIT_MS = 30_000;
const RECENT_LIMIT = 1_000;

/** Sends one result; resolves when delivered or dropped (internal). */
export type ResultSender = (command: AgentCommand, body: CommandResultBody) => Promise<void>;

/** Dependencies of {@link CommandExecutor}. */
export interface ExecutorDeps {
  actions: ReadonlyMap<string, ActionDefinitionInput>;
  serviceCode: string;
  agentId: () => string;
  send: ResultSender;
  logger: AgentLogger;
  now: () => number;
  maxConcurrent: number;
  maxResultBytes: number;
}

type Outcome = { kind: 'report'; body: CommandResultBody } | { kind: 'cancelled' };

interface RunningCommand {
  command: AgentCommand;
  controller: AbortController;
  settle: (outcome: Outcome) => void;
}

function abortReason(code: string, message: string): CapsuleAgentError {
  return new CapsuleAgentError(code, message);
}

function failure(code: string, message: string): CommandResultBody {
  return { success: false, message, error: { code, message } };
}

/** Command executor (internal). */
export class CommandExecutor {
  private readonly deps: ExecutorDeps;
  private readonly running = new Map<string, RunningCommand>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly recent = new Set<string>();
  private slotWaiters: Array<() => void> = [];

  /** @param deps - collaborators */
  constructor(deps: ExecutorDeps) {
    this.deps = deps;
  }

  /** Number of handlers running. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Free execution slots. */
  get freeSlots(): number {
    return Math.max(0, this.deps.maxConcurrent - this.running.size);
  }

  /** Resolves when a slot is free or `signal` aborts. */
  waitForSlot(signal: AbortSignal): Promise<void> {
    if (this.freeSlots > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.slotWaiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Starts a command. The returned promise settles once its result is sent (or dropped); it
   * never rejects. A command id seen before is ignored.
   */
  dispatch(command: AgentCommand): Promise<void> {
    if (this.running.has(command.id) || this.recent.has(command.id)) {
      this.deps.logger.debug('command.duplicate', 'Ignoring a command that was already delivered.', {
        commandId: command.id,
      });
      return Promise.resolve();
    }
    this.remember(command.id);
    const task = this.execute(command).catch((error: unknown) => {
      this.deps.logger.error('command.crashed', 'Unexpected error while executing a command.', {
        commandId: command.id,
        error,
      });
    });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    return task;
  }

  /** Aborts the handlers of cancelled commands; no result is sent for them. Returns the ids found. */
  cancel(ids: readonly string[]): string[] {
    const found: string[] = [];
    for (const id of ids) {
      const entry = this.running.get(id);
      if (!entry) continue;
      found.push(id);
      entry.controller.abort(abortReason('COMMAND_CANCELLED', 'Command cancelled by an operator.'));
      entry.settle({ kind: 'cancelled' });
    }
    return found;
  }

  /** Aborts every running handler's signal (stop); handlers may still finish and report. */
  abortAll(): void {
    for (const entry of this.running.values()) {
      entry.controller.abort(abortReason('AGENT_STOPPING', 'The agent is stopping.'));
    }
  }

  /** Settles every handler still running with an `AGENT_STOPPED` failure (end of the stop grace period). */
  forceStop(): number {
    const entries = [...this.running.values()];
    for (const entry of entries) {
      entry.settle({ kind: 'report', body: failure('AGENT_STOPPED', 'The agent stopped before the action finished.') });
    }
    return entries.length;
  }

  /** Waits until every dispatched command has been reported, or `timeoutMs` elapses. Returns true when idle. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const idle = (async (): Promise<boolean> => {
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      return true;
    })();
    try {
      return await Promise.race([idle, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(id: string): void {
    this.recent.add(id);
    if (this.recent.size > RECENT_LIMIT) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }

  private async execute(command: AgentCommand): Promise<void> {
    const controller = new AbortController();
    let settle: (outcome: Outcome) => void = () => undefined;
    const outcome = new Promise<Outcome>((resolve) => {
      let settled = false;
      settle = (value) => {
        if (settled) return;
        settled = true;
        resolve(value);
      };
    });
    this.running.set(command.id, { command, controller, settle });
    const startedAt = new Date(this.deps.now()).toISOString();
    const def = this.deps.actions.get(command.actionName);
    const limitMs = this.timeLimit(command, def);
    const timer =
      limitMs === undefined
        ? undefined
        : setTimeout(
            () => {
              const message = `Action ${command.actionName} exceeded its time limit of ${Math.round(limitMs / 1000)} s.`;
              controller.abort(abortReason('ACTION_TIMEOUT', message));
              settle({ kind: 'report', body: failure('ACTION_TIMEOUT', message) });
            },
            Math.max(0, limitMs),
          );

    this.deps.logger.info('command.started', `Running ${command.type} ${command.actionName}.`, {
      commandId: command.id,
      actionName: command.actionName,
      commandType: command.type,
    });
    this.invoke(command, def, controller.signal).then(
      (body) => settle({ kind: 'report', body }),
      (error: unknown) => settle({ kind: 'report', body: this.errorBody(error, command, controller.signal) }),
    );

    const result = await outcome;
    clearTimeout(timer);
    this.running.delete(command.id);
    this.releaseSlot();
    if (result.kind === 'cancelled') {
      this.deps.logger.info('command.cancelled', `Command ${command.id} was cancelled; its handler was aborted.`, {
        commandId: command.id,
      });
      return;
    }
    const body = this.finalize(result.body, startedAt);
    const level = body.success ? 'info' : 'warn';
    this.deps.logger[level](
      'command.finished',
      `${command.actionName} ${body.success ? 'succeeded' : `failed (${body.error?.code ?? 'ACTION_FAILED'})`}.`,
      {
        commandId: command.id,
        actionName: command.actionName,
        success: body.success,
      },
    );
    await this.deps.send(command, body);
  }

  /** The action's `timeoutSeconds` (prepare: at most 30 s). `expiresAt` is not used: agent and server clocks may differ. */
  private timeLimit(command: AgentCommand, def: ActionDefinitionInput | undefined): number | undefined {
    const limits: number[] = [];
    if (def?.timeoutSeconds !== undefined) limits.push(def.timeoutSeconds * 1000);
    if (command.type === 'ACTION_PREPARE') limits.push(PREPARE_LIMIT_MS);
    return limits.length === 0 ? undefined : Math.min(...limits);
  }

  private async invoke(
    command: AgentCommand,
    def: ActionDefinitionInput | undefined,
    signal: AbortSignal,
  ): Promise<CommandResultBody> {
    if (!def) {
      return failure('ACTION_HANDLER_NOT_FOUND', `No handler registered for action ${command.actionName}.`);
    }
    const ctx = this.context(command, signal);
    if (command.type === 'ACTION_PREPARE') {
      if (!def.prepare) return { success: true, data: { initialPayload: schemaDefaults(def.inputSchema) } };
      return toPrepareBody(await def.prepare(command.payload, ctx));
    }
    if (command.type === 'ACTION_EXECUTE') return toResultBody(await def.handler(command.payload, ctx));
    return failure('UNSUPPORTED_COMMAND_TYPE', `Command type ${String(command.type)} is not supported by this agent.`);
  }

  private errorBody(error: unknown, command: AgentCommand, signal: AbortSignal): CommandResultBody {
    const fallback = command.type === 'ACTION_PREPARE' ? 'ACTION_PREPARE_FAILED' : 'ACTION_FAILED';
    const body = errorToResultBody(error, fallback);
    const reason: unknown = signal.aborted ? signal.reason : undefined;
    if (reason instanceof CapsuleAgentError && body.error) body.error.code = reason.code;
    return body;
  }

  private finalize(body: CommandResultBody, startedAt: string): CommandResultBody {
    const finishedAt = new Date(this.deps.now()).toISOString();
    let size: number;
    try {
      size = Buffer.byteLength(
        JSON.stringify({ message: body.message ?? null, data: body.data ?? {}, error: body.error ?? {} }),
      );
    } catch {
      return {
        ...failure('RESULT_NOT_SERIALIZABLE', 'The action result could not be serialized to JSON.'),
        startedAt,
        finishedAt,
      };
    }
    if (size > this.deps.maxResultBytes) {
      return {
        ...failure('RESULT_TOO_LARGE', `The action result is ${size} bytes; the limit is ${this.deps.maxResultBytes}.`),
        startedAt,
        finishedAt,
      };
    }
    return { ...body, startedAt, finishedAt };
  }

  private context(command: AgentCommand, signal: AbortSignal): ActionContext {
    const { logger } = this.deps;
    return {
      commandId: command.id,
      commandType: command.type,
      actionName: command.actionName,
      serviceCode: this.deps.serviceCode,
      serviceId: command.serviceId,
      agentId: this.deps.agentId(),
      createdByUserId: command.createdByUserId,
      createdAt: command.createdAt,
      expiresAt: command.expiresAt,
      signal,
      log: (message, data) =>
        logger.info('action.log', message, { commandId: command.id, actionName: command.actionName, ...data }),
    };
  }

  private releaseSlot(): void {
    const waiters = this.slotWaiters;
    this.slotWaiters = [];
    for (const wake of waiters) wake();
  }
}
