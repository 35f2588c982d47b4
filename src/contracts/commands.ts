import type { ActionDefinitionResponse } from './capsule-services';

/** Commands and actions: `/api/admin/commands`, `…/capsule-services/:id/actions`. */

export type CommandStatus =
  | 'AWAITING_APPROVAL'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'EXPIRED';
export type CommandType = 'ACTION_EXECUTE' | 'ACTION_PREPARE';

/** A command as the admin API shows it: status as of the read, payload key-redacted. */
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

/** A result's one-time fields (docs/actions-and-commands.md): only `POST …/reveal` hands them out. */
export interface OneTimeState {
  /** True while an operator or owner can still reveal the value (once). */
  revealable: boolean;
  expiresAt: string | null;
  revealedAt: string | null;
  revealedByUserId: string | null;
}

/** `GET /api/admin/commands/:id`; `oneTime` is null when the result never had one-time fields. */
export type CommandDetail = PublicCommand & { result: (PublicCommandResult & { oneTime: OneTimeState | null }) | null };

/** `POST /api/admin/commands/:id/reveal`. */
export interface RevealedSecret {
  commandId: string;
  fields: Record<string, unknown>;
  revealedAt: string;
}

/** `POST …/actions/:name/prepare`. */
export interface PrepareResponse {
  action: ActionDefinitionResponse;
  initialPayload: Record<string, unknown>;
  currentState: Record<string, unknown>;
  /** null when the catalog says the action has no prepare step (answered without the agent). */
  prepareCommand: (PublicCommand & { result: PublicCommandResult | null }) | null;
}

/** Body of `POST …/actions/:name`. */
export interface ExecuteActionRequest {
  payload?: Record<string, unknown>;
  confirmation?: boolean;
}

/** Body of `POST /api/admin/commands/:id/retry`. */
export interface RetryCommandRequest {
  confirmation?: boolean;
}

/**
 * `POST /api/admin/commands/:id/approve`: an optional note from the approver, kept in the
 * `command.approved` audit event (docs/actions-and-commands.md, "Approval").
 */
export interface ApproveCommandRequest {
  comment?: string;
}

/** `POST /api/admin/commands/:id/reject`: the reason the requester reads (docs/actions-and-commands.md, "Approval"). */
export interface RejectCommandRequest {
  comment: string;
}
