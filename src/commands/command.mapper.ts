import { redact } from '../common/redaction/redact';
import type { CommandResultEntity } from './command-result.entity';
import type { CommandEntity } from './command.entity';
import {
  COMMAND_EXPIRED_CODE,
  COMMAND_EXPIRED_MESSAGE,
  durationMs,
  effectiveCommandStatus,
  isExpiredAt,
} from './command-state';
import { parseObject } from './sealed-values';
import type { PublicCommand, PublicCommandResult } from '../contracts';

/** What `withNames` needs: service and agent identities by id. */
export interface CommandNames {
  services: ReadonlyMap<string, { code: string; name: string }>;
  agents: ReadonlyMap<string, { code: string; name: string | null }>;
}

export function withNames<T extends PublicCommand>(command: T, names: CommandNames): T {
  const service = names.services.get(command.serviceId);
  const agent = names.agents.get(command.agentId);
  return {
    ...command,
    serviceCode: service?.code ?? null,
    serviceName: service?.name ?? null,
    agentCode: agent?.code ?? null,
    agentName: agent?.name ?? null,
  };
}

/**
 * Admin view: status as of `nowIso` (expired at read time shows EXPIRED), payload key-redacted.
 * The agent's poll passes the unsealed payload explicitly.
 */
export function toPublicCommand(row: CommandEntity, nowIso: string, payload?: Record<string, unknown>): PublicCommand {
  // Shown exactly as `CommandRepository.expire` will store it, so no reader sees EXPIRED without its reason.
  const expiredNow = isExpiredAt(row, nowIso);
  return {
    id: row.id,
    agentId: row.agentId,
    serviceId: row.serviceId,
    type: row.type,
    actionName: row.actionName,
    status: effectiveCommandStatus(row, nowIso),
    payload: payload ?? redact(parseObject(row.payloadJson)),
    createdByUserId: row.createdByUserId,
    createdByType: row.createdByType,
    createdById: row.createdById,
    retryOfCommandId: row.retryOfCommandId,
    errorCode: expiredNow ? (row.errorCode ?? COMMAND_EXPIRED_CODE) : row.errorCode,
    errorMessage: expiredNow ? (row.errorMessage ?? COMMAND_EXPIRED_MESSAGE) : row.errorMessage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    expiresAt: row.expiresAt,
    durationMs: durationMs(row.startedAt, row.completedAt),
  };
}

/** `data` may carry revealed one-time fields; everything else is the stored (redacted) text. */
export function toPublicResult(row: CommandResultEntity, data?: Record<string, unknown>): PublicCommandResult {
  return {
    id: row.id,
    commandId: row.commandId,
    agentId: row.agentId,
    success: row.success,
    message: row.message,
    data: data ?? parseObject(row.dataJson),
    error: parseObject(row.errorJson),
    durationMs: row.durationMs,
    reportedAt: row.reportedAt,
    createdAt: row.createdAt,
  };
}
