/**
 * Wire types of the command poll and command results (`GET /api/agents/:agentId/commands`,
 * `POST …/commands/:commandId/result`), kept apart from registration in `protocol-registration.ts`;
 * `protocol.ts` re-exports them.
 */
import type { JsonObject, SuccessEnvelope } from './protocol.js';

/** Command types delivered by the command poll. */
export type CommandType = 'ACTION_EXECUTE' | 'ACTION_PREPARE';

/** Command statuses (the poll always delivers `RUNNING`; an agent never sees `AWAITING_APPROVAL`). */
export type CommandStatus =
  | 'AWAITING_APPROVAL'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'EXPIRED';

/** Query of `GET /api/agents/:agentId/commands`. */
export interface PollCommandsQuery {
  /** At least 1, default 10; a larger number is treated as 10. */
  limit?: number;
  /** Long-poll wait in seconds, 0–30 (docs/actions-and-commands.md, "Agent poll and long-poll"); 0 answers at once, as the reference. */
  waitSeconds?: number;
}

/** A command as delivered (and claimed: status `RUNNING`) by the command poll. */
export interface AgentCommand {
  /** Command id, `cmd_…`. */
  id: string;
  /** Owning agent. */
  agentId: string;
  /** Target service, `svc_…`. */
  serviceId: string;
  /** `ACTION_EXECUTE` or `ACTION_PREPARE`. */
  type: CommandType;
  /** Name of the action to run. */
  actionName: string;
  /** Command status (`RUNNING` once claimed). */
  status: CommandStatus;
  /** Raw, unredacted operator payload (`{}` for prepare). */
  payload: JsonObject;
  /** Creating user, `null` for bus-created commands. */
  createdByUserId: string | null;
  /** Error code (null while running). */
  errorCode: string | null;
  /** Error message (null while running). */
  errorMessage: string | null;
  /** ISO-8601 creation time. */
  createdAt: string;
  /** ISO-8601 update time. */
  updatedAt: string;
  /** ISO-8601 claim time. */
  startedAt: string | null;
  /** ISO-8601 completion time (null while running). */
  completedAt: string | null;
  /** ISO-8601 expiry; results after it are rejected. */
  expiresAt: string | null;
  /** Duration (null while running). */
  durationMs: number | null;
}

/**
 * Full success body of the command poll: `data` is the command array (the reference's shape) and
 * `cancelledCommandIds` sits beside it at the top level (docs/actions-and-commands.md, "Agent poll and long-poll"), because `data` is an array.
 */
export interface PollCommandsResponse extends SuccessEnvelope<AgentCommand[]> {
  /** Ids of this agent's RUNNING commands that were cancelled. */
  cancelledCommandIds?: string[];
}

/** Error object of a failure result. */
export interface CommandResultError {
  /** Becomes the command's `errorCode` (≤80 chars; `ACTION_FAILED` when absent). */
  code: string;
  /** Becomes the command's `errorMessage` (≤500 chars). */
  message: string;
  /** Optional details (key-redacted by the backend). */
  details?: JsonObject;
}

/**
 * Body of `POST /api/agents/:agentId/commands/:commandId/result`.
 *
 * One-time fields: a top-level string `data.generatedKey`, and every top-level key of `data`
 * listed in the string array `data.oneTimeFields` (docs/actions-and-commands.md, "Sealed secrets"), are delivered once to the first
 * operator who reads the command detail and are stored sealed, never in readable columns.
 */
export interface CommandResultBody {
  /** Outcome. */
  success: boolean;
  /** Human readable summary. */
  message?: string;
  /** Result data rendered by the console (`list`, `detail`, raw values, one-time fields). */
  data?: JsonObject;
  /**
   * Failure reason (when `success` is false). The backend also accepts any object here from
   * agents of the reference protocol: a missing or non-string `code` becomes `ACTION_FAILED`.
   */
  error?: CommandResultError;
  /** ISO-8601 time the handler started (informational; the server clock wins). */
  startedAt?: string;
  /** ISO-8601 time the handler finished (informational). */
  finishedAt?: string;
}

/** Stored result as returned by the result endpoint (redacted). */
export interface CommandResultResponse {
  /** Result id. */
  id: string;
  /** Command id. */
  commandId: string;
  /** Agent id. */
  agentId: string;
  /** Outcome. */
  success: boolean;
  /** Message. */
  message: string | null;
  /** Redacted data. */
  data: JsonObject;
  /** Redacted error. */
  error: JsonObject;
  /** ISO-8601. */
  reportedAt: string;
  /** ISO-8601. */
  createdAt: string;
}
