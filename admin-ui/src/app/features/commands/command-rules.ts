import type { PublicCommand } from '@opstage/contracts';

export function canCancel(command: Pick<PublicCommand, 'status'>): boolean {
  return (
    command.status === 'AWAITING_APPROVAL' ||
    command.status === 'PENDING' ||
    command.status === 'RUNNING'
  );
}

/** True when the signed-in user requested this waiting command themselves (the server refuses their decision). */
export function isOwnRequest(
  command: Pick<PublicCommand, 'createdByType' | 'createdById'>,
  userId: string | null | undefined,
): boolean {
  return command.createdByType === 'USER' && !!userId && command.createdById === userId;
}

/** Approve/reject buttons: a waiting command someone else requested (docs/actions-and-commands.md, "Approval"). */
export function canDecide(
  command: Pick<PublicCommand, 'status' | 'createdByType' | 'createdById'>,
  userId: string | null | undefined,
): boolean {
  return command.status === 'AWAITING_APPROVAL' && !isOwnRequest(command, userId);
}

/** Only executed actions in FAILED/EXPIRED/CANCELLED can be retried; prepare rows never (the reference allowed them; fixed). */
export function canRetry(command: Pick<PublicCommand, 'status' | 'type'>): boolean {
  return (
    command.type === 'ACTION_EXECUTE' && ['FAILED', 'EXPIRED', 'CANCELLED'].includes(command.status)
  );
}
