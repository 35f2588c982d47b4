import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { DomainError, notFound } from '../common/errors/domain-error';
import { DomainEvents } from '../common/events/domain-events';
import { IdGenerator } from '../common/ids/id-generator';
import { redact } from '../common/redaction/redact';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { CountersService } from '../system/counters.service';
import { CommandNotifier } from './command-notifier';
import { CommandRepository } from './command.repository';
import type { CommandResultEntity } from './command-result.entity';
import { durationMs, failureReason, isExpiredAt, isTerminal } from './command-state';
import { toPublicResult } from './command.mapper';
import { alreadyCompleted } from './commands.service';
import { ONE_TIME_TTL_MS, splitResultData } from './sealed-values';
import type { PublicCommandResult } from '../contracts';

export interface ResultInput {
  success: boolean;
  message?: string;
  data?: Record<string, unknown>;
  error?: Record<string, unknown>;
  startedAt?: string;
  finishedAt?: string;
}

/** An agent's result (docs/actions-and-commands.md, "Results"; docs/design/decisions.md, "Once-only transitions"). */
@Injectable()
export class CommandResultsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly sealer: SecretSealer,
    private readonly counters: CountersService,
    private readonly notifier: CommandNotifier,
    private readonly events: DomainEvents,
  ) {}

  async report(
    ctx: RequestContext,
    agentId: string,
    commandId: string,
    input: ResultInput,
  ): Promise<PublicCommandResult> {
    const size = Buffer.byteLength(
      JSON.stringify({ message: input.message ?? null, data: input.data ?? {}, error: input.error ?? {} }),
      'utf8',
    );
    if (size > this.config.commandResultMaxBytes) {
      this.counters.increment('commands.results.oversized');
      throw new DomainError(
        'COMMAND_RESULT_TOO_LARGE',
        `Command result payload is too large (${size} bytes); max is ${this.config.commandResultMaxBytes} bytes.`,
        {
          size,
          max: this.config.commandResultMaxBytes,
        },
      );
    }
    const command = await this.commands.findById(commandId);
    if (!command || command.agentId !== agentId)
      throw notFound('COMMAND_NOT_FOUND', 'Command not found.', { commandId });
    if (isTerminal(command.status)) return this.repeated(commandId, input);
    if (isExpiredAt(command, ctx.nowIso)) {
      await this.tx.run((em) => this.commands.expire([command.id], ctx.nowIso, em));
      this.notifier.notifyCommand(command.id);
      throw alreadyCompleted(commandId);
    }
    if (command.status !== 'RUNNING')
      throw new DomainError('COMMAND_NOT_RUNNING', 'Command was never claimed by a poll.', {
        commandId,
        status: command.status,
      });

    const failure = input.success ? null : failureReason(input.message, input.error);
    const { readable, oneTime } = splitResultData(input.data ?? {});
    const reportedAt = ctx.nowIso;
    const result: CommandResultEntity = {
      id: this.ids.next('crs'),
      commandId,
      agentId,
      success: input.success,
      message: input.message ?? null,
      dataJson: JSON.stringify(readable),
      errorJson: JSON.stringify(redact(input.error ?? {})),
      sealedData: oneTime ? this.sealer.seal(oneTime) : null,
      sealedExpiresAt: oneTime ? new Date(ctx.now.getTime() + ONE_TIME_TTL_MS).toISOString() : null,
      revealedAt: null,
      revealedByUserId: null,
      durationMs: durationMs(command.startedAt, reportedAt),
      startedAt: input.startedAt ?? null,
      finishedAt: input.finishedAt ?? null,
      reportedAt,
      createdAt: reportedAt,
    };
    const won = await this.tx.run(async (em) => {
      const ok = await this.commands.finish(
        commandId,
        ['RUNNING'],
        {
          status: input.success ? 'SUCCEEDED' : 'FAILED',
          completedAt: reportedAt,
          errorCode: failure?.errorCode ?? null,
          errorMessage: failure?.errorMessage ?? null,
        },
        em,
      );
      if (!ok) return false;
      await this.commands.insertResult(result, em);
      await this.audit.record(
        ctx,
        {
          action: input.success ? 'command.completed' : 'command.failed',
          targetType: 'Command',
          targetId: commandId,
          result: input.success ? 'SUCCESS' : 'FAILURE',
          metadata: failure
            ? { errorCode: failure.errorCode, durationMs: result.durationMs }
            : { durationMs: result.durationMs },
        },
        em,
      );
      return true;
    });
    if (!won) return this.repeated(commandId, input);
    this.notifier.notifyCommand(commandId);
    const base = {
      commandId,
      serviceId: command.serviceId,
      agentId,
      actionName: command.actionName,
      durationMs: result.durationMs,
      occurredAt: reportedAt,
      requestId: ctx.requestId,
    };
    if (failure)
      this.events.emit('command.failed', { ...base, errorCode: failure.errorCode, errorMessage: failure.errorMessage });
    else this.events.emit('command.completed', base);
    return toPublicResult(result);
  }

  /**
   * A result for a command that already finished. The agent repeating the result the server
   * accepted (its first answer was lost: a reset, a timeout, a server restart) is acknowledged
   * again and changes nothing; anything else stays 409 (docs/actions-and-commands.md).
   */
  private async repeated(commandId: string, input: ResultInput): Promise<PublicCommandResult> {
    const stored = await this.commands.findResult(commandId);
    if (!stored || !sameResult(stored, input)) throw alreadyCompleted(commandId);
    return toPublicResult(stored);
  }
}

/** Whether `input` is the result `stored` was made from (compared in its stored, redacted form). */
export function sameResult(stored: CommandResultEntity, input: ResultInput): boolean {
  const { readable } = splitResultData(input.data ?? {});
  return (
    stored.success === input.success &&
    stored.message === (input.message ?? null) &&
    stored.dataJson === JSON.stringify(readable) &&
    stored.errorJson === JSON.stringify(redact(input.error ?? {})) &&
    stored.startedAt === (input.startedAt ?? null) &&
    stored.finishedAt === (input.finishedAt ?? null)
  );
}
