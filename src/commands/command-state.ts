import type { CommandEntity } from './command.entity';
import type { CommandStatus, CommandType } from '../contracts';

/** Pure rules of the command state machine (docs/actions-and-commands.md; docs/design/decisions.md, "Commands always expire"). */
export const COMMAND_STATUSES: readonly CommandStatus[] = [
  'AWAITING_APPROVAL',
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
];
export const COMMAND_TYPES: readonly CommandType[] = ['ACTION_EXECUTE', 'ACTION_PREPARE'];
export const TERMINAL_STATUSES: readonly CommandStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
export const OPEN_STATUSES: readonly CommandStatus[] = ['PENDING', 'RUNNING'];
/** A request still waiting for its approval can be withdrawn too (docs/actions-and-commands.md, "Approval"). */
export const CANCELLABLE_STATUSES: readonly CommandStatus[] = ['AWAITING_APPROVAL', ...OPEN_STATUSES];
export const RETRYABLE_STATUSES: readonly CommandStatus[] = ['FAILED', 'EXPIRED', 'CANCELLED'];

export const APPROVAL_REJECTED_CODE = 'APPROVAL_REJECTED';
export const APPROVAL_EXPIRED_CODE = 'APPROVAL_EXPIRED';
export const APPROVAL_EXPIRED_MESSAGE = 'Nobody approved the command in time.';
export const COMMAND_EXPIRED_CODE = 'COMMAND_EXPIRED';
export const COMMAND_EXPIRED_MESSAGE = 'Command expired before completion.';
export const PREPARE_TIMEOUT_MESSAGE = 'Action prepare timed out waiting for agent.';

export function isTerminal(status: CommandStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** An open command whose deadline passed is EXPIRED for every reader, before the sweep persists it. */
export function isExpiredAt(command: Pick<CommandEntity, 'status' | 'expiresAt'>, nowIso: string): boolean {
  return OPEN_STATUSES.includes(command.status) && command.expiresAt !== null && command.expiresAt < nowIso;
}

export function effectiveCommandStatus(
  command: Pick<CommandEntity, 'status' | 'expiresAt'>,
  nowIso: string,
): CommandStatus {
  return isExpiredAt(command, nowIso) ? 'EXPIRED' : command.status;
}

export type RetryVerdict = { ok: true } | { ok: false; message: string };

/** docs/design/decisions.md, "Retry re-runs the checks". */
export function retryVerdict(type: CommandType, status: CommandStatus): RetryVerdict {
  if (type !== 'ACTION_EXECUTE') return { ok: false, message: 'Only ACTION_EXECUTE commands can be retried.' };
  if (!RETRYABLE_STATUSES.includes(status))
    return { ok: false, message: 'Only failed, expired, or cancelled commands can be retried.' };
  return { ok: true };
}

/** max(0, completedAt − startedAt) when both are known. */
export function durationMs(startedAt: string | null, completedAt: string | null): number | null {
  if (!startedAt || !completedAt) return null;
  const d = Date.parse(completedAt) - Date.parse(startedAt);
  return Number.isFinite(d) ? Math.max(0, d) : null;
}

/** Failure reason lifted from an agent result (docs/actions-and-commands.md, "Results"). */
export function failureReason(message: unknown, error: unknown): { errorCode: string; errorMessage: string | null } {
  const err = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const code = typeof err.code === 'string' && err.code.trim() !== '' ? err.code.slice(0, 80) : 'ACTION_FAILED';
  const text = typeof err.message === 'string' ? err.message : typeof message === 'string' ? message : null;
  return { errorCode: code, errorMessage: text === null ? null : text.slice(0, 500) };
}
