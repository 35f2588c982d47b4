import { Inject, Injectable } from '@nestjs/common';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import { toActionDefinition } from '../capsule-services/action.mapper';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { ReadBarrier } from '../common/consistency/read-barrier';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { DomainEvents } from '../common/events/domain-events';
import { DomainError, notFound, validationFailed } from '../common/errors/domain-error';
import { IdGenerator } from '../common/ids/id-generator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { ApprovalSettingsService } from '../settings/approval-settings.service';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { assertAgentCanHandleAction, needsConfirmation } from './action-gating';
import { validateAgainstSchema } from './action-schema-validator';
import { CommandNotifier } from './command-notifier';
import { CommandRepository } from './command.repository';
import type { CommandEntity } from './command.entity';
import { isExpiredAt, retryVerdict } from './command-state';
import { toPublicCommand } from './command.mapper';
import { hasRedactedParts, parseObject, splitPayload } from './sealed-values';
import type { Tx } from '../database/transaction';
import type { ActionDefinitionResponse, CommandType, PublicCommand } from '../contracts';

export type CommandCreatorType = 'USER' | 'API_TOKEN' | 'BUS_ROUTE' | 'EXTENSION' | 'SCHEDULE';

/** A person or an API token acting from the admin API (docs/api-tokens-and-cli.md). */
export interface CommandCreator {
  type: 'USER' | 'API_TOKEN';
  id: string;
}

/** The one way to create an ACTION_EXECUTE command: the console, the bus router and extensions. */
export interface EnqueueInput {
  serviceId: string;
  actionName: string;
  payload?: Record<string, unknown>;
  confirmation?: boolean;
  createdBy: { type: CommandCreatorType; id: string | null };
  /** A schedule's run: the person behind the schedule, so four-eyes never lets them approve it themselves. */
  onBehalfOfUserId?: string | null;
}

interface CreateOptions {
  type: CommandType;
  retryOfCommandId?: string;
  /** Audit rows to write with the insert (same transaction). */
  audit: (em: Tx, row: CommandEntity) => Promise<void>;
}

/**
 * Command creation: execute, prepare and retry, with their validation, sealing of secret fields,
 * the four-eyes decision and the audit rows. Cancel and the sweep hooks live in CommandsService,
 * reads in CommandQueriesService.
 */
@Injectable()
export class CommandCreationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandRepository,
    private readonly services: CapsuleServicesService,
    private readonly agents: AgentsService,
    private readonly barrier: ReadBarrier,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly sealer: SecretSealer,
    private readonly settings: RuntimeSettingsService,
    private readonly notifier: CommandNotifier,
    private readonly events: DomainEvents,
    private readonly approvals: ApprovalSettingsService,
  ) {}

  /**
   * Validates (service, action, payload schema, confirmation, agent gating), stores the command
   * with its secret fields sealed, audits, and wakes the owning agent's long-poll.
   */
  async enqueue(ctx: RequestContext, input: EnqueueInput): Promise<PublicCommand> {
    const row = await this.create(ctx, input, {
      type: 'ACTION_EXECUTE',
      audit: async (em, cmd) => {
        if (input.createdBy.type === 'USER' || input.createdBy.type === 'API_TOKEN') {
          await this.audit.record(
            ctx,
            {
              action: 'service.action.requested',
              targetType: 'CapsuleService',
              targetId: cmd.serviceId,
              metadata: { actionName: cmd.actionName },
            },
            em,
          );
        }
        await this.audit.record(
          ctx,
          {
            action: 'command.created',
            targetType: 'Command',
            targetId: cmd.id,
            metadata: { serviceId: cmd.serviceId, actionName: cmd.actionName, createdByType: input.createdBy.type },
          },
          em,
        );
      },
    });
    return toPublicCommand(row, ctx.nowIso);
  }

  /** ACTION_PREPARE: no payload, no confirmation; the agent answers with a refined definition. */
  async createPrepare(
    ctx: RequestContext,
    serviceId: string,
    actionName: string,
    creator: CommandCreator,
  ): Promise<CommandEntity> {
    return this.create(
      ctx,
      { serviceId, actionName, payload: {}, createdBy: creator },
      {
        type: 'ACTION_PREPARE',
        audit: (em, cmd) =>
          this.audit.record(
            ctx,
            {
              action: 'service.action.prepare_requested',
              targetType: 'CapsuleService',
              targetId: cmd.serviceId,
              metadata: { actionName: cmd.actionName, commandId: cmd.id },
            },
            em,
          ),
      },
    );
  }

  /** The catalog entry, 404 for unknown services/actions and 409 for disabled ones. */
  async loadAction(
    serviceId: string,
    actionName: string,
  ): Promise<{
    action: ActionDefinitionResponse;
    agentId: string;
    raw: { timeoutSeconds: number | null; requiresConfirmation: boolean; dangerLevel: string };
  }> {
    const service = await this.services.findById(serviceId);
    if (!service) throw notFound('CAPSULE_SERVICE_NOT_FOUND', 'Capsule Service not found.', { serviceId });
    const action = await this.services.findAction(serviceId, actionName);
    if (!action) throw notFound('ACTION_NOT_FOUND', 'Action not found.', { serviceId, actionName });
    return {
      action: toActionDefinition(action),
      agentId: service.agentId,
      raw: {
        timeoutSeconds: action.timeoutSeconds,
        requiresConfirmation: action.requiresConfirmation,
        dangerLevel: action.dangerLevel,
      },
    };
  }

  /** docs/design/decisions.md, "Retry re-runs the checks": a new command with the same payload, after the execute
   * checks, for the service's current agent. */
  async retry(
    ctx: RequestContext,
    commandId: string,
    confirmation: boolean | undefined,
    creator: CommandCreator,
  ): Promise<PublicCommand> {
    const source = await this.commands.findById(commandId);
    if (!source) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    if (isExpiredAt(source, ctx.nowIso)) {
      await this.tx.run((em) => this.commands.expire([source.id], ctx.nowIso, em));
      source.status = 'EXPIRED';
    }
    const verdict = retryVerdict(source.type, source.status);
    if (!verdict.ok)
      throw new DomainError('COMMAND_NOT_RETRYABLE', verdict.message, {
        commandId,
        type: source.type,
        status: source.status,
      });
    const payload = parseObject(source.payloadJson);
    if (hasRedactedParts(payload) && !source.sealedPayload) {
      throw new DomainError(
        'COMMAND_PAYLOAD_SEALED',
        'The command payload contained secrets that are no longer stored; open the action form and run it again.',
        { commandId },
      );
    }
    const original = source.sealedPayload ? this.openPayload(source.sealedPayload) : payload;
    const row = await this.create(
      ctx,
      {
        serviceId: source.serviceId,
        actionName: source.actionName,
        payload: original,
        confirmation,
        createdBy: creator,
      },
      {
        type: 'ACTION_EXECUTE',
        retryOfCommandId: source.id,
        audit: (em, cmd) =>
          this.audit.record(
            ctx,
            {
              action: 'command.retried',
              targetType: 'Command',
              targetId: cmd.id,
              metadata: { sourceCommandId: source.id, serviceId: cmd.serviceId, actionName: cmd.actionName },
            },
            em,
          ),
      },
    );
    return toPublicCommand(row, ctx.nowIso);
  }

  private async create(ctx: RequestContext, input: EnqueueInput, options: CreateOptions): Promise<CommandEntity> {
    const { action, agentId, raw } = await this.loadAction(input.serviceId, input.actionName);
    if (action.enabled === false)
      throw new DomainError('ACTION_DISABLED', 'Action is disabled.', {
        serviceId: input.serviceId,
        actionName: input.actionName,
      });
    const payload = input.payload ?? {};
    if (options.type === 'ACTION_EXECUTE') {
      const issues = validateAgainstSchema(action.inputSchema, payload);
      if (issues.length > 0) throw validationFailed(issues, 'Action payload validation failed.');
      if (needsConfirmation(raw) && input.confirmation !== true) {
        throw new DomainError(
          'ACTION_REQUIRES_CONFIRMATION',
          'This action requires confirmation: send "confirmation": true.',
          { actionName: input.actionName },
        );
      }
    }
    const agent = await this.findAgentAsHeardFrom(agentId);
    assertAgentCanHandleAction(agent, ctx.now.getTime(), this.settings.get().agentOfflineThresholdSeconds);

    // Four-eyes: the command waits for a second person, with the approval lifetime as its deadline
    // (docs/actions-and-commands.md, "Approval").
    const approval = options.type === 'ACTION_EXECUTE' ? await this.approvals.get() : null;
    const awaiting = approval !== null && approval.dangerLevels.includes(action.dangerLevel);
    const ttlSeconds = awaiting
      ? approval.approvalTtlSeconds
      : options.type === 'ACTION_PREPARE'
        ? this.config.actionPrepareTimeoutSeconds
        : (raw.timeoutSeconds ?? this.config.commandTtlSeconds);
    const { readable, secret } = splitPayload(payload);
    const row: CommandEntity = {
      id: this.ids.next('cmd'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      agentId: agent.id,
      serviceId: input.serviceId,
      type: options.type,
      actionName: input.actionName,
      status: awaiting ? 'AWAITING_APPROVAL' : 'PENDING',
      payloadJson: JSON.stringify(readable),
      sealedPayload: secret ? this.sealer.seal(secret) : null,
      createdByUserId: input.createdBy.type === 'USER' ? input.createdBy.id : (input.onBehalfOfUserId ?? null),
      createdByType: input.createdBy.type,
      createdById: input.createdBy.id,
      retryOfCommandId: options.retryOfCommandId ?? null,
      errorCode: null,
      errorMessage: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
      startedAt: null,
      completedAt: null,
      expiresAt: new Date(ctx.now.getTime() + ttlSeconds * 1000).toISOString(),
      cancelNotifiedAt: null,
    };
    await this.tx.run(async (em) => {
      await this.commands.insert(row, em);
      await options.audit(em, row);
      if (awaiting) {
        const metadata = { serviceId: row.serviceId, actionName: row.actionName, expiresAt: row.expiresAt };
        await this.audit.record(
          ctx,
          { action: 'command.approval_requested', targetType: 'Command', targetId: row.id, metadata },
          em,
        );
      }
    });
    if (!awaiting) this.notifier.notifyAgent(row.agentId);
    this.events.emit('command.created', {
      commandId: row.id,
      type: row.type,
      serviceId: row.serviceId,
      agentId: row.agentId,
      actionName: row.actionName,
      createdBy: { type: input.createdBy.type, id: input.createdBy.id },
      status: awaiting ? 'AWAITING_APPROVAL' : 'PENDING',
      occurredAt: ctx.nowIso,
      requestId: ctx.requestId,
    });
    return row;
  }

  /**
   * The target agent with every liveness stamp already acknowledged to agents stored
   * (ReadBarrier), so an agent heard from a moment ago is not refused as stale. Never called inside
   * a transaction (settling waits for one); creating a command opens its own anyway.
   */
  async findAgentAsHeardFrom(agentId: string): Promise<AgentEntity | null> {
    await this.barrier.settle();
    return this.agents.findById(agentId);
  }

  private openPayload(sealed: string): Record<string, unknown> {
    const value = this.sealer.open(sealed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DomainError(
        'COMMAND_PAYLOAD_SEALED',
        'The sealed payload can no longer be opened; run the action again.',
      );
    }
    return value as Record<string, unknown>;
  }
}
