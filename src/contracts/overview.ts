import type { AgentResponse } from './agents';
import type { CapsuleServiceResponse } from './capsule-services';
import type { PublicCommand } from './commands';

/** The console's overview and search: `/api/admin/dashboard/overview`, `/api/admin/search`. */

export type TileList = 'services' | 'agents' | 'commands';

/**
 * One dashboard number: `query` is the list filter exactly as the list page puts it in its URL,
 * and `count` is that list's total, computed by the same list service (docs/console.md).
 */
export interface DashboardTile {
  id: string;
  list: TileList;
  query: Record<string, string>;
  count: number;
}

export interface ProblemService extends CapsuleServiceResponse {
  /** Since when it has this status. */
  since: string | null;
  /** What was tried last: the newest executed action on it. */
  lastCommand: PublicCommand | null;
}

export interface DashboardOverview {
  generatedAt: string;
  /** Start of the "recent failures" window. */
  failuresSince: string;
  tiles: DashboardTile[];
  /** The first page of the `services-problem` tile's list. */
  problemServices: ProblemService[];
  /** The first page of the `commands-failed` tile's list. */
  failedCommands: PublicCommand[];
  /** The first page of the `agents-offline` tile's list. */
  offlineAgents: AgentResponse[];
}

export interface SearchResults {
  services: CapsuleServiceResponse[];
  agents: AgentResponse[];
  commands: PublicCommand[];
}
