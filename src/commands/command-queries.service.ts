import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { roleAtLeast } from '../common/auth/role';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import type { ListCommandsQueryDto } from './dto/list-commands-query.dto';
import { TransactionRunner } from '../database/transaction-runner';
import type { CommandResultEntity } from './command-result.entity';
import { CommandRepository, type CommandListFilter } from './command.repository';
import { toPublicCommand, toPublicResult, withNames, type PublicCommand, type PublicCommandResult } from './command.mapper';
import { CommandTargets } from './command-targets';
import { parseObject } from './sealed-values';

export type CommandDetail = PublicCommand & { result: PublicCommandResult | null };

/** Command list and detail; the detail is where one-time result fields are revealed (decision 9). */
@Injectable()
export class CommandQueriesService {
  private readonly logger = new Logger('CommandQueries');

  constructor(
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly sealer: SecretSealer,
    private readonly audit: AuditService,
    private readonly targets: CommandTargets,
  ) {}

  async list(ctx: RequestContext, query: ListCommandsQueryDto): Promise<Page<PublicCommand>> {
    const req = pageRequest(query);
    const filter: CommandListFilter = {
      status: query.status,
      q: query.q,
      type: query.type,
      actionName: query.actionName,
      agentId: query.agentId,
      serviceId: query.serviceId,
      createdByUserId: query.createdByUserId,
      from: query.from ? new Date(query.from).toISOString() : undefined,
      to: query.to ? new Date(query.to).toISOString() : undefined,
    };
    if (filter.from && filter.to && filter.from > filter.to) {
      throw validationFailed([{ path: 'from', message: 'from must be before or equal to to' }], 'Command query validation failed.');
    }
    const [rows, total] = await this.commands.list(filter, ctx.nowIso, req.offset, req.pageSize);
    const names = await this.targets.names(rows);
    return new Page(
      rows.map((r) => withNames(toPublicCommand(r, ctx.nowIso), names)),
      pagination(req, total),
    );
  }

  async detail(ctx: RequestContext, commandId: string): Promise<CommandDetail> {
    const row = await this.commands.findById(commandId);
    if (!row) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    const result = await this.commands.findResult(commandId);
    const names = await this.targets.names([row]);
    return { ...withNames(toPublicCommand(row, ctx.nowIso), names), result: result ? await this.resultFor(ctx, result) : null };
  }

  /**
   * The first operator/owner reading within the window takes the one-time fields: a
   * conditional UPDATE wipes the sealed copy and records who got it, so exactly one reader
   * ever sees the plaintext. Viewers never do. A stale sealed copy is wiped on sight.
   */
  private async resultFor(ctx: RequestContext, result: CommandResultEntity): Promise<PublicCommandResult> {
    if (!result.sealedData) return toPublicResult(result);
    if (!result.sealedExpiresAt || result.sealedExpiresAt < ctx.nowIso) {
      await this.commands.wipeExpiredSealedResults(ctx.nowIso);
      return toPublicResult(result);
    }
    const principal = ctx.principal;
    if (principal.kind !== 'user' || !roleAtLeast(principal.role, 'operator')) return toPublicResult(result);
    const sealed = result.sealedData;
    const taken = await this.tx.run(async (em) => {
      const won = await this.commands.takeSealedResult(result.id, principal.id, ctx.nowIso, em);
      if (won) {
        await this.audit.record(ctx, { action: 'command.secret.revealed', targetType: 'Command', targetId: result.commandId, metadata: { resultId: result.id } }, em);
      }
      return won;
    });
    if (!taken) return toPublicResult(result);
    const opened = this.sealer.open(sealed);
    if (opened === null || typeof opened !== 'object' || Array.isArray(opened)) {
      this.logger.warn({ msg: 'one-time result fields could not be opened', commandId: result.commandId });
      return toPublicResult(result);
    }
    return toPublicResult(result, { ...parseObject(result.dataJson), ...(opened as Record<string, unknown>) });
  }
}
