/** Runtime settings: `/api/admin/settings/maintenance`. */

/** The runtime-tunable values; stored overrides win over the environment's defaults. */
export interface MaintenanceSettings {
  agentOfflineThresholdSeconds: number;
  auditRetentionDays: number;
  maintenanceIntervalSeconds: number;
  commandRetentionDays: number;
  healthReportsKeep: number;
}
