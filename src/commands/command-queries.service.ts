import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { DomainError, notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import type { ListCommandsQueryDto } from './dto/list-commands-query.dto';
import { TransactionRunner } from '../database/transaction-runner';
import type { CommandResultEntity } from './command-result.entity';
import { CommandRepository, type CommandListFilter } from './command.repository';
import { toPublicCommand, toPublicResult, withNames } from './command.mapper';
import { AgentsService } from '../agents/agents.service';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import type { CommandNames } from './command.mapper';
import type { CommandDetail, OneTimeState, PublicCommand, RevealedSecret } from '../contracts';

/** Command list, detail and the explicit reveal of one-time result fields (docs/actions-and-commands.md). */
@Injectable()
export class CommandQueriesService {
  private readonly logger = new Logger('CommandQueries');

  constructor(
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly sealer: SecretSealer,
    private readonly audit: AuditService,
    private readonly services: CapsuleServicesService,
    private readonly agents: AgentsService,
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
      from: query.from,
      to: query.to,
    };
    // A token limited to labelled services lists only their commands (docs/api-tokens-and-cli.md, "Scope").
    if (ctx.principal.kind === 'api-token' && ctx.principal.scope !== null)
      filter.serviceIds = await this.services.idsWithLabels(ctx.principal.scope);
    if (filter.from && filter.to && filter.from > filter.to) {
      throw validationFailed(
        [{ path: 'from', message: 'from must be before or equal to to' }],
        'Command query validation failed.',
      );
    }
    const [rows, total] = await this.commands.list(filter, ctx.nowIso, req.offset, req.pageSize);
    const names = await this.names(rows);
    return new Page(
      rows.map((r) => withNames(toPublicCommand(r, ctx.nowIso), names)),
      pagination(req, total),
    );
  }

  /** The service a command targets, or null when there is no such command (an API token's scope check). */
  async serviceIdOf(commandId: string): Promise<string | null> {
    return (await this.commands.findById(commandId))?.serviceId ?? null;
  }

  /** Service and agent names of these commands, two queries whatever the count. */
  private async names(commands: readonly { serviceId: string; agentId: string }[]): Promise<CommandNames> {
    const [services, agents] = await Promise.all([
      this.services.identities(commands.map((c) => c.serviceId)),
      this.agents.identities(commands.map((c) => c.agentId)),
    ]);
    return { services, agents };
  }

  /** A plain read for every role: one-time fields stay `[REDACTED]`; `result.oneTime` says whether a reveal is possible. */
  async detail(ctx: RequestContext, commandId: string): Promise<CommandDetail> {
    const row = await this.commands.findById(commandId);
    if (!row) throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    const result = await this.commands.findResult(commandId);
    const names = await this.names([row]);
    return {
      ...withNames(toPublicCommand(row, ctx.nowIso), names),
      result: result ? { ...toPublicResult(result), oneTime: oneTimeState(result, ctx.nowIso) } : null,
    };
  }

  /**
   * `POST /commands/:id/reveal` (operator or owner, CSRF): the first caller within the window
   * takes the one-time fields. A conditional UPDATE wipes the sealed copy and records who got
   * it, so exactly one request ever sees the plaintext; audited `command.secret.revealed`.
   */
  async reveal(ctx: RequestContext, commandId: string): Promise<RevealedSecret> {
    const principal = ctx.principal;
    if (principal.kind !== 'user') throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    const result = await this.commands.findResult(commandId);
    if (!result) {
      if (!(await this.commands.findById(commandId)))
        throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
      throw secretGone('The command has no result yet.');
    }
    const sealed = result.sealedData;
    if (!sealed || !result.sealedExpiresAt || result.sealedExpiresAt < ctx.nowIso) {
      if (sealed) await this.tx.run((tx) => this.commands.wipeExpiredSealedResults(ctx.nowIso, tx));
      throw secretGone(
        result.revealedAt
          ? 'The one-time value was already revealed.'
          : 'The command has no one-time value to reveal, or it expired.',
      );
    }
    const taken = await this.tx.run(async (em) => {
      const won = await this.commands.takeSealedResult(result.id, principal.id, ctx.nowIso, em);
      if (won)
        await this.audit.record(
          ctx,
          {
            action: 'command.secret.revealed',
            targetType: 'Command',
            targetId: commandId,
            metadata: { resultId: result.id },
          },
          em,
        );
      return won;
    });
    if (!taken) throw secretGone('The one-time value was already revealed.');
    const opened = this.sealer.open(sealed);
    if (opened === null || typeof opened !== 'object' || Array.isArray(opened)) {
      this.logger.warn({ msg: 'one-time result fields could not be opened', commandId });
      throw secretGone('The one-time value could not be decrypted (the session secret changed).');
    }
    return { commandId, fields: opened as Record<string, unknown>, revealedAt: ctx.nowIso };
  }
}

/** Null when the result never had one-time fields. */
function oneTimeState(result: CommandResultEntity, nowIso: string): OneTimeState | null {
  if (!result.sealedExpiresAt && !result.revealedAt) return null;
  const revealable =
    result.sealedData !== null &&
    result.revealedAt === null &&
    result.sealedExpiresAt !== null &&
    result.sealedExpiresAt >= nowIso;
  return {
    revealable,
    expiresAt: result.sealedExpiresAt,
    revealedAt: result.revealedAt,
    revealedByUserId: result.revealedByUserId,
  };
}

function secretGone(message: string): DomainError {
  return new DomainError('COMMAND_SECRET_NOT_AVAILABLE', message);
}
