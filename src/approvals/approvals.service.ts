import { Inject, Injectable } from '@nestjs/common';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, forbidden, notFound } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BatchOutcome } from '../database/batches';
import type { Tx } from '../database/transaction';
import { TransactionRunner } from '../database/transaction-runner';
import { APPROVAL_EXPIRED_CODE, APPROVAL_EXPIRED_MESSAGE, APPROVAL_REJECTED_CODE } from '../commands/command-state';
import { toPublicCommand } from '../commands/command.mapper';
import { CommandNotifier } from '../commands/command-notifier';
import { CommandRepository } from '../commands/command.repository';
import type { CommandEntity } from '../commands/command.entity';
import { CommandCreationService } from '../commands/command-creation.service';
import { ApprovalSettingsService } from '../settings/approval-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { ApprovalSettings, PublicCommand } from '../contracts';

const AWAITING = ['AWAITING_APPROVAL'] as const;

/**
 * Four-eyes approval (docs/actions-and-commands.md, "Approval"): a second person approves
 * (→ PENDING, the agent's poll wakes) or rejects (→ CANCELLED with APPROVAL_REJECTED); nobody
 * deciding in time → EXPIRED with APPROVAL_EXPIRED. Every step is audited.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandRepository,
    private readonly creation: CommandCreationService,
    private readonly settings: ApprovalSettingsService,
    private readonly apiTokens: ApiTokensService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notifier: CommandNotifier,
  ) {}

  settingsView(): Promise<ApprovalSettings> {
    return this.settings.get();
  }

  async updateSettings(ctx: RequestContext, patch: Partial<ApprovalSettings>): Promise<ApprovalSettings> {
    return this.tx.run(async (em) => {
      const next = await this.settings.update(patch, em);
      await this.audit.record(
        ctx,
        {
          action: 'settings.approvals.updated',
          targetType: 'Workspace',
          targetId: DEFAULT_WORKSPACE_ID,
          metadata: {
            ...next,
            changed: Object.keys(patch).filter((k) => patch[k as keyof ApprovalSettings] !== undefined),
          },
        },
        em,
      );
      return next;
    });
  }

  async approve(ctx: RequestContext, commandId: string, comment?: string): Promise<PublicCommand> {
    const row = await this.awaitingDecision(ctx, commandId);
    const { raw } = await this.creation.loadAction(row.serviceId, row.actionName);
    // The action's own deadline starts now: the wait for approval does not eat the agent's time.
    const ttlSeconds = raw.timeoutSeconds ?? this.config.commandTtlSeconds;
    const expiresAt = new Date(ctx.now.getTime() + ttlSeconds * 1000).toISOString();
    const won = await this.tx.run(async (em) => {
      if (!(await this.commands.approve(row.id, ctx.nowIso, expiresAt, em))) return false;
      await this.audit.record(
        ctx,
        {
          action: 'command.approved',
          targetType: 'Command',
          targetId: row.id,
          metadata: {
            serviceId: row.serviceId,
            actionName: row.actionName,
            requestedBy: requesterOf(row),
            ...(comment ? { comment } : {}),
          },
        },
        em,
      );
      return true;
    });
    if (!won) throw notAwaiting(row.id);
    this.notifier.notifyAgent(row.agentId);
    this.notifier.notifyCommand(row.id);
    return this.current(ctx, row.id);
  }

  async reject(ctx: RequestContext, commandId: string, comment: string): Promise<PublicCommand> {
    const row = await this.awaitingDecision(ctx, commandId);
    const won = await this.tx.run(async (em) => {
      const update = {
        status: 'CANCELLED' as const,
        completedAt: ctx.nowIso,
        errorCode: APPROVAL_REJECTED_CODE,
        errorMessage: comment,
      };
      if (!(await this.commands.finish(row.id, AWAITING, update, em))) return false;
      await this.audit.record(
        ctx,
        {
          action: 'command.rejected',
          targetType: 'Command',
          targetId: row.id,
          metadata: { serviceId: row.serviceId, actionName: row.actionName, comment, requestedBy: requesterOf(row) },
        },
        em,
      );
      return true;
    });
    if (!won) throw notAwaiting(row.id);
    this.notifier.notifyCommand(row.id);
    return this.current(ctx, row.id);
  }

  /** Sweep step, one batch in its own transaction: each overdue request expires with its own audit row. */
  async expireDue(ctx: RequestContext, limit: number): Promise<BatchOutcome> {
    const expired = await this.tx.run(async (em) => {
      const rows = await this.commands.overdueApprovals(ctx.nowIso, limit, em);
      const ids: string[] = [];
      for (const row of rows) if (await this.expireOne(ctx, row, em)) ids.push(row.id);
      return { selected: rows.length, ids };
    });
    for (const id of expired.ids) this.notifier.notifyCommand(id);
    return { selected: expired.selected, affected: expired.ids.length };
  }

  /** The command, still awaiting a decision, and the caller not its requester. */
  private async awaitingDecision(ctx: RequestContext, commandId: string): Promise<CommandEntity> {
    const row = await this.commands.findById(commandId);
    if (!row) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    if (row.status !== 'AWAITING_APPROVAL') throw notAwaiting(row.id, row.status);
    if (ctx.principal.kind !== 'user') throw forbidden();
    if (await this.isRequester(ctx.principal.id, row)) {
      throw new DomainError('APPROVAL_SELF_FORBIDDEN', 'Another operator or an owner must decide on this request.', {
        commandId,
      });
    }
    if (row.expiresAt !== null && row.expiresAt < ctx.nowIso) {
      await this.tx.run((em) => this.expireOne(ctx, row, em));
      this.notifier.notifyCommand(row.id);
      throw new DomainError('APPROVAL_EXPIRED', 'The approval request expired.', { commandId });
    }
    return row;
  }

  /** A token acting for a user counts as that user: nobody approves what their own script asked for. */
  private async isRequester(userId: string, row: CommandEntity): Promise<boolean> {
    if (row.createdByType === 'USER') return row.createdById === userId;
    if (row.createdByType === 'API_TOKEN' && row.createdById !== null)
      return (await this.apiTokens.userIdOf(row.createdById)) === userId;
    // A scheduled run is its schedule creator's request (docs/schedules.md, "Confirmation and approval").
    if (row.createdByType === 'SCHEDULE') return row.createdByUserId === userId;
    return false;
  }

  private async expireOne(ctx: RequestContext, row: CommandEntity, em: Tx): Promise<boolean> {
    const update = {
      status: 'EXPIRED' as const,
      completedAt: ctx.nowIso,
      errorCode: APPROVAL_EXPIRED_CODE,
      errorMessage: APPROVAL_EXPIRED_MESSAGE,
    };
    if (!(await this.commands.finish(row.id, AWAITING, update, em))) return false;
    await this.audit.record(
      ctx,
      {
        action: 'command.approval_expired',
        targetType: 'Command',
        targetId: row.id,
        metadata: { serviceId: row.serviceId, actionName: row.actionName, requestedBy: requesterOf(row) },
      },
      em,
    );
    return true;
  }

  private async current(ctx: RequestContext, id: string): Promise<PublicCommand> {
    const row = await this.commands.findById(id);
    if (!row) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId: id });
    return toPublicCommand(row, ctx.nowIso);
  }
}

function requesterOf(row: CommandEntity): { type: string; id: string | null } {
  return { type: row.createdByType, id: row.createdById };
}

function notAwaiting(commandId: string, status?: string): DomainError {
  return new DomainError('COMMAND_NOT_AWAITING_APPROVAL', 'The command is not waiting for an approval.', {
    commandId,
    ...(status === undefined ? {} : { status }),
  });
}
