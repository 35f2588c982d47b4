import { redact } from '../common/redaction/redact';
import type { CommandResultEntity } from './command-result.entity';
import type { CommandEntity, CommandStatus, CommandType } from './command.entity';
import { COMMAND_EXPIRED_CODE, COMMAND_EXPIRED_MESSAGE, durationMs, effectiveCommandStatus, isExpiredAt } from './command-state';
import { parseObject } from './sealed-values';

/** A command as the admin API returns it (docs/actions-and-commands.md, "Endpoints"), plus our additions (createdBy, retryOfCommandId). */
export interface PublicCommand {
  id: string;
  agentId: string;
  serviceId: string;
  type: CommandType;
  actionName: string;
  status: CommandStatus;
  payload: Record<string, unknown>;
  createdByUserId: string | null;
  createdByType: string;
  createdById: string | null;
  retryOfCommandId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  durationMs: number | null;
  /** Names for lists and details (ids stay the reference); absent where not resolved, null when gone. */
  serviceCode?: string | null;
  serviceName?: string | null;
  agentCode?: string | null;
  agentName?: string | null;
}

/** What `withNames` needs: service and agent identities by id. */
export interface CommandNames {
  services: ReadonlyMap<string, { code: string; name: string }>;
  agents: ReadonlyMap<string, { code: string; name: string | null }>;
}

export function withNames<T extends PublicCommand>(command: T, names: CommandNames): T {
  const service = names.services.get(command.serviceId);
  const agent = names.agents.get(command.agentId);
  return { ...command, serviceCode: service?.code ?? null, serviceName: service?.name ?? null, agentCode: agent?.code ?? null, agentName: agent?.name ?? null };
}

export interface PublicCommandResult {
  id: string;
  commandId: string;
  agentId: string;
  success: boolean;
  message: string | null;
  data: Record<string, unknown>;
  error: Record<string, unknown>;
  durationMs: number | null;
  reportedAt: string;
  createdAt: string;
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
