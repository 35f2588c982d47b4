import type { PublicCommand } from '@opstage/contracts';

export function canCancel(command: Pick<PublicCommand, 'status'>): boolean {
  return command.status === 'PENDING' || command.status === 'RUNNING';
}

/** Only executed actions in FAILED/EXPIRED/CANCELLED can be retried; prepare rows never (the reference allowed them; fixed). */
export function canRetry(command: Pick<PublicCommand, 'status' | 'type'>): boolean {
  return (
    command.type === 'ACTION_EXECUTE' && ['FAILED', 'EXPIRED', 'CANCELLED'].includes(command.status)
  );
}
