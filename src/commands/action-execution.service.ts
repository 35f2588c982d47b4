import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { DomainError } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { initialPayloadFromSchema } from './action-schema-validator';
import { CommandNotifier } from './command-notifier';
import { CommandRepository } from './command.repository';
import type { CommandEntity } from './command.entity';
import { isTerminal, PREPARE_TIMEOUT_MESSAGE } from './command-state';
import { toPublicCommand, toPublicResult } from './command.mapper';
import { CommandCreationService, type CommandCreator } from './command-creation.service';
import { parseObject } from './sealed-values';
import type { ActionDefinitionResponse as PublicAction, PrepareResponse, PublicCommand } from '../contracts';

/** Fields the agent may not override in a prepare answer (docs/actions-and-commands.md, "Prepare"). */
const CATALOG_OWNED = ['id', 'serviceId', 'name', 'enabled', 'createdAt', 'updatedAt'] as const;

/** Action definition read, prepare (docs/design/decisions.md, "Prepare is a POST") and execute for the console. */
@Injectable()
export class ActionExecutionService {
  constructor(
    private readonly creation: CommandCreationService,
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly notifier: CommandNotifier,
    private readonly clock: Clock,
  ) {}

  async definition(_ctx: RequestContext, serviceId: string, actionName: string): Promise<PublicAction> {
    return (await this.creation.loadAction(serviceId, actionName)).action;
  }

  execute(
    ctx: RequestContext,
    serviceId: string,
    actionName: string,
    creator: CommandCreator,
    payload: Record<string, unknown> | undefined,
    confirmation: boolean | undefined,
  ): Promise<PublicCommand> {
    return this.creation.enqueue(ctx, {
      serviceId,
      actionName,
      payload,
      confirmation,
      createdBy: creator,
    });
  }

  /**
   * Creates an ACTION_PREPARE command and waits for its terminal state through the notifier
   * (no DB polling). Timeout → the command becomes EXPIRED and the caller gets 504. An action the
   * agent reported without a prepare step (`hasPrepare: false`) is answered from the catalog at
   * once: no command, nothing for a busy or hung agent to delay (docs/actions-and-commands.md).
   */
  async prepare(
    ctx: RequestContext,
    serviceId: string,
    actionName: string,
    creator: CommandCreator,
    signal?: AbortSignal,
  ): Promise<PrepareResponse> {
    const { action } = await this.creation.loadAction(serviceId, actionName);
    if (action.hasPrepare === false) {
      if (action.enabled === false)
        throw new DomainError('ACTION_DISABLED', 'Action is disabled.', { serviceId, actionName });
      return {
        action,
        initialPayload: initialPayloadFromSchema(action.inputSchema),
        currentState: {},
        prepareCommand: null,
      };
    }
    const created = await this.creation.createPrepare(ctx, serviceId, actionName, creator);
    const deadline = Date.parse(created.expiresAt ?? ctx.nowIso);
    const subscription = this.notifier.subscribeCommand(created.id);
    let row: CommandEntity | null = created;
    try {
      for (;;) {
        row = await this.commands.findById(created.id);
        if (!row || isTerminal(row.status)) break;
        const remaining = deadline - this.clock.nowMs();
        if (remaining <= 0 || signal?.aborted) break;
        if (!(await subscription.wait(remaining, signal))) break;
      }
    } finally {
      subscription.close();
    }
    if (!row || !isTerminal(row.status)) row = await this.timeOut(created);
    return this.answer(action, row);
  }

  private async timeOut(created: CommandEntity): Promise<CommandEntity> {
    const nowIso = this.clock.nowIso();
    const before = (await this.commands.findById(created.id)) ?? created;
    const won = await this.tx.run((em) =>
      this.commands.finish(
        created.id,
        ['PENDING', 'RUNNING'],
        {
          status: 'EXPIRED',
          completedAt: nowIso,
          errorCode: 'ACTION_PREPARE_TIMEOUT',
          errorMessage: PREPARE_TIMEOUT_MESSAGE,
        },
        em,
      ),
    );
    if (!won) {
      // The agent answered at the last moment: use its result.
      const after = await this.commands.findById(created.id);
      if (after && isTerminal(after.status)) return after;
    }
    this.notifier.notifyCommand(created.id);
    throw new DomainError('ACTION_PREPARE_TIMEOUT', 'Action prepare timed out waiting for agent.', {
      timeoutSeconds: this.prepareTimeoutSeconds(created),
      commandId: created.id,
      commandStatus: before.status,
      actionName: created.actionName,
      agentId: created.agentId,
      serviceId: created.serviceId,
    });
  }

  /** The wait the command was given (its TTL), for the operator's "did not answer in N s". */
  private prepareTimeoutSeconds(created: CommandEntity): number {
    return Math.round((Date.parse(created.expiresAt ?? created.createdAt) - Date.parse(created.createdAt)) / 1000);
  }

  private async answer(catalog: PublicAction, row: CommandEntity): Promise<PrepareResponse> {
    const nowIso = this.clock.nowIso();
    const resultRow = await this.commands.findResult(row.id);
    const details = {
      commandId: row.id,
      commandStatus: row.status,
      actionName: row.actionName,
      agentId: row.agentId,
      serviceId: row.serviceId,
    };
    if (row.status !== 'SUCCEEDED' || !resultRow) {
      const message = resultRow?.message ?? row.errorMessage ?? 'Action prepare failed.';
      const errorDetails = resultRow ? parseObject(resultRow.errorJson).details : undefined;
      throw new DomainError(
        row.errorCode ?? 'ACTION_PREPARE_FAILED',
        message,
        errorDetails === undefined ? details : { ...details, agentDetails: errorDetails },
        424,
      );
    }
    // The prepare response never consumes one-time fields: it shows the stored (redacted) data.
    const result = toPublicResult(resultRow);
    const data = result.data;
    const override =
      data.action !== null && typeof data.action === 'object' && !Array.isArray(data.action)
        ? (data.action as Record<string, unknown>)
        : {};
    const merged: Record<string, unknown> = { ...catalog, ...override };
    const catalogFields = catalog as unknown as Record<string, unknown>;
    for (const key of CATALOG_OWNED) merged[key] = catalogFields[key];
    const action = {
      ...merged,
      inputSchema: isObject(merged.inputSchema) ? merged.inputSchema : {},
    } as unknown as PublicAction;
    return {
      action,
      initialPayload: isObject(data.initialPayload)
        ? data.initialPayload
        : initialPayloadFromSchema(action.inputSchema),
      currentState: isObject(data.currentState) ? data.currentState : {},
      prepareCommand: { ...toPublicCommand(row, nowIso), result },
    };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
