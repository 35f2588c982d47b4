import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, notFound } from '../common/errors/domain-error';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { CommandNotifier } from './command-notifier';
import { CancelNoticeIndex } from './cancel-notice-index';
import { CommandRepository } from './command.repository';
import { CANCELLABLE_STATUSES, isExpiredAt } from './command-state';
import { toPublicCommand } from './command.mapper';
import type { CommandStatus, PublicCommand } from '../contracts';

/**
 * Cancel and the sweep hooks. Creation (execute, prepare, retry) lives in CommandCreationService,
 * reads in CommandQueriesService.
 */
@Injectable()
export class CommandsService {
  constructor(
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifier: CommandNotifier,
    private readonly cancelNotices: CancelNoticeIndex,
  ) {}

  async cancel(ctx: RequestContext, commandId: string): Promise<PublicCommand> {
    const row = await this.commands.findById(commandId);
    if (!row) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    if (isExpiredAt(row, ctx.nowIso)) {
      await this.tx.run((em) => this.commands.expire([row.id], ctx.nowIso, em));
      throw alreadyCompleted(row.id);
    }
    const updated = await this.tx.run(async (em) => {
      const won = await this.commands.finish(
        row.id,
        CANCELLABLE_STATUSES,
        { status: 'CANCELLED', completedAt: ctx.nowIso },
        em,
      );
      if (!won) return null;
      await this.audit.record(
        ctx,
        {
          action: 'command.cancelled',
          targetType: 'Command',
          targetId: row.id,
          metadata: { previousStatus: row.status },
        },
        em,
      );
      return this.commands.findById(row.id, em);
    });
    if (!updated) throw alreadyCompleted(row.id);
    // A command the agent already holds is owed a cancel notice (docs/design/decisions.md, "Cancel reaches the agent"); committed above.
    if (updated.startedAt !== null) this.cancelNotices.add(updated.agentId);
    // A waiting prepare request answers 424 at once; a RUNNING command's agent learns it on its next poll or heartbeat.
    this.notifier.notifyCommand(row.id);
    if (row.status === 'RUNNING') this.notifier.notifyAgent(row.agentId);
    return toPublicCommand(updated, ctx.nowIso);
  }

  /**
   * Sweep step: persists EXPIRED (with COMMAND_EXPIRED, as every other expiry path) for at most
   * `batchSize` open commands past their deadline, in one transaction, and wakes whoever waits on
   * them. Returns how many were selected, so the caller loops while a batch comes back full; the
   * maintenance sweep batches, pauses and writes the aggregate `system.command.expired` audit.
   */
  async expireDue(
    nowIso: string,
    prepareCutoffIso: string,
    batchSize: number,
  ): Promise<{ selected: number; expired: number }> {
    const expired = await this.tx.run(async (em) => {
      const ids = await this.commands.overdueIds(nowIso, prepareCutoffIso, batchSize, em);
      const count = ids.length === 0 ? 0 : await this.commands.expire(ids, nowIso, em);
      return { ids, count };
    });
    for (const id of expired.ids) this.notifier.notifyCommand(id);
    return { selected: expired.ids.length, expired: expired.count };
  }

  /**
   * Retention sweep step, one batch in its own transaction: terminal commands finished before the
   * cutoff, with their results. Returns how many were picked and how many went per status.
   */
  async pruneFinishedBefore(
    cutoffIso: string,
    limit: number,
  ): Promise<{ selected: number; byStatus: Partial<Record<CommandStatus, number>> }> {
    const rows = await this.tx.run((em) => this.commands.pruneFinishedBatch(cutoffIso, limit, em));
    const byStatus: Partial<Record<CommandStatus, number>> = {};
    for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    return { selected: rows.length, byStatus };
  }

  /**
   * Safety-net sweep steps, one batch each in its own transaction: one-time result data past its
   * deadline, and sealed payloads of commands already terminal, are wiped even if the path that
   * should have wiped them did not run (docs/actions-and-commands.md, "Sealed secrets").
   */
  wipeExpiredResultData(nowIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.commands.wipeExpiredResultData(nowIso, limit, em));
  }

  wipeTerminalPayloads(limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.commands.wipeTerminalPayloads(limit, em));
  }
}

export function alreadyCompleted(commandId: string): DomainError {
  return new DomainError('COMMAND_ALREADY_COMPLETED', 'Command is already completed.', { commandId });
}
