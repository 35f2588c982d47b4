import type { DangerLevel } from './capsule-services';

/** Runtime settings: `/api/admin/settings/maintenance`. */

/** The runtime-tunable values; stored overrides win over the environment's defaults. */
export interface MaintenanceSettings {
  agentOfflineThresholdSeconds: number;
  auditRetentionDays: number;
  maintenanceIntervalSeconds: number;
  commandRetentionDays: number;
  healthReportsKeep: number;
}

/** Four-eyes approval: `/api/admin/settings/approvals` (docs/actions-and-commands.md, "Approval"). */
export interface ApprovalSettings {
  /** Danger levels whose executes wait in AWAITING_APPROVAL for a second person. */
  dangerLevels: DangerLevel[];
  /** How long a request may wait for a decision before the sweep expires it. */
  approvalTtlSeconds: number;
}
