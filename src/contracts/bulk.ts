/** Bulk operations: `/api/admin/bulk/*` (docs/console.md). */

export type BulkAgentOperation = 'disable' | 'enable' | 'revoke';

export interface BulkItem {
  id: string;
  ok: boolean;
  /** The resulting status (agents, cancelled commands) or the new command's id (actions). */
  status?: string;
  commandId?: string;
  error?: { code: string; message: string };
}

export interface BulkResult {
  requested: number;
  succeeded: number;
  failed: number;
  items: BulkItem[];
}

/** Every bulk request repeats how many items the operator confirmed. */
export interface BulkConfirmed {
  confirmCount: number;
}

/** Body of `POST /api/admin/bulk/agents`. */
export interface BulkAgentsRequest extends BulkConfirmed {
  operation: BulkAgentOperation;
  agentIds: string[];
}

/** Body of `POST /api/admin/bulk/commands/cancel`. */
export interface BulkCancelRequest extends BulkConfirmed {
  commandIds: string[];
}

/** Body of `POST /api/admin/bulk/actions`. */
export interface BulkExecuteRequest extends BulkConfirmed {
  actionName: string;
  serviceIds: string[];
  payload?: Record<string, unknown>;
  confirmation?: boolean;
}
