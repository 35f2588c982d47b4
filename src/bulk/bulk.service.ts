import { Injectable, Logger } from '@nestjs/common';
import { AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, validationFailed } from '../common/errors/domain-error';
import { CommandCreationService } from '../commands/command-creation.service';
import { CommandsService } from '../commands/commands.service';
import type { BulkAgentOperation, BulkItem, BulkResult } from '../contracts';

/**
 * Bulk operations (docs/console.md): each item goes through the single-item service method, in
 * its own transaction with its own audit record, and one failing item never stops the others. The
 * request itself is audited once more with its counts. `confirmCount` must equal the number of
 * distinct ids: the operator typed it, and a stale selection is refused instead of acted on.
 */
@Injectable()
export class BulkService {
  private readonly logger = new Logger('bulk');

  constructor(
    private readonly agents: AgentsService,
    private readonly commands: CommandsService,
    private readonly creation: CommandCreationService,
    private readonly audit: AuditService,
  ) {}

  agentsOperation(
    ctx: RequestContext,
    operation: BulkAgentOperation,
    ids: readonly string[],
    confirmCount: number,
  ): Promise<BulkResult> {
    return this.run(ctx, `bulk.agents.${operation}`, ids, confirmCount, {}, async (id) => {
      const agent = await this.agents[operation](ctx, id);
      return { status: agent.status };
    });
  }

  cancelCommands(ctx: RequestContext, ids: readonly string[], confirmCount: number): Promise<BulkResult> {
    return this.run(ctx, 'bulk.commands.cancel', ids, confirmCount, {}, async (id) => ({
      status: (await this.commands.cancel(ctx, id)).status,
    }));
  }

  /** One ACTION_EXECUTE command per service, created by the same path as a single run. */
  executeAction(
    ctx: RequestContext,
    actionName: string,
    serviceIds: readonly string[],
    confirmCount: number,
    userId: string,
    payload: Record<string, unknown> | undefined,
    confirmation: boolean | undefined,
  ): Promise<BulkResult> {
    return this.run(ctx, 'bulk.actions.execute', serviceIds, confirmCount, { actionName }, async (serviceId) => {
      const command = await this.creation.enqueue(ctx, {
        serviceId,
        actionName,
        payload,
        confirmation,
        createdBy: { type: 'USER', id: userId },
      });
      return { commandId: command.id, status: command.status };
    });
  }

  private async run(
    ctx: RequestContext,
    action: string,
    rawIds: readonly string[],
    confirmCount: number,
    metadata: Record<string, unknown>,
    one: (id: string) => Promise<{ status?: string; commandId?: string }>,
  ): Promise<BulkResult> {
    const ids = [...new Set(rawIds)];
    if (confirmCount !== ids.length) {
      throw validationFailed(
        [{ path: 'confirmCount', message: `confirmCount must equal the number of distinct ids (${ids.length})` }],
        'Bulk confirmation does not match the selection.',
      );
    }
    const items: BulkItem[] = [];
    for (const id of ids) {
      try {
        items.push({ id, ok: true, ...(await one(id)) });
      } catch (error) {
        items.push({ id, ok: false, error: this.describe(error) });
      }
    }
    const succeeded = items.filter((i) => i.ok).length;
    const result = { requested: ids.length, succeeded, failed: ids.length - succeeded, items };
    await this.audit.recordNow(ctx, {
      action,
      result: succeeded === 0 ? 'FAILURE' : 'SUCCESS',
      metadata: { ...metadata, count: ids.length, succeeded, failed: result.failed, ids },
    });
    return result;
  }

  private describe(error: unknown): { code: string; message: string } {
    if (error instanceof DomainError && error.status < 500) return { code: error.code, message: error.message };
    this.logger.error({ msg: 'bulk item failed', error: error instanceof Error ? error.message : String(error) });
    return { code: 'INTERNAL_ERROR', message: 'Internal server error.' };
  }
}
