import type { PublicAuditEvent } from './audit';
import type { PublicCommand } from './commands';
import type { MaintenanceSettings } from './settings';
import type { DatabaseKind } from './system';

/** Operations: settings view, sweep, dashboard summary, metrics, diagnostics (`/api/admin/*`). */

/** `GET/PATCH/DELETE /api/admin/settings/maintenance`. */
export interface MaintenanceSettingsView extends MaintenanceSettings {
  /** Keys an owner pinned (they no longer follow the environment). */
  overridden: (keyof MaintenanceSettings)[];
  /** The environment defaults a reset returns to. */
  defaults: MaintenanceSettings;
}

/** `POST /api/admin/maintenance/run`: what one sweep did (docs/operations.md, "Maintenance sweep"). */
export interface SweepResult {
  expiredRegistrationTokens: number;
  expiredCommands: number;
  expiredApprovals: number;
  offlineAgents: number;
  offlineServices: number;
  deletedAuditEvents: number;
  deletedCommands: number;
  deletedHealthReports: number;
  deletedSessions: number;
  deletedLoginThrottles: number;
  deletedAgentTokens: number;
  deletedBusEvents: number;
  deletedApiTokens: number;
  deletedScheduleRuns: number;
  wipedSecrets: number;
  ranAt: string;
  durationMs: number;
}

/** Counts by status (or by table). */
export type CountMap = Record<string, number>;

export interface WorkspaceSummary {
  id: string;
  code: string;
  name: string;
  status: string;
}

/**
 * `GET /api/admin/dashboard/summary`: agent and service counts use the effective status; command
 * counts and recent commands cover executed actions only (docs/console.md).
 */
export interface DashboardSummary {
  workspace: WorkspaceSummary;
  agentCounts: CountMap;
  serviceCounts: CountMap;
  commandCounts: CountMap;
  auditEventCount: number;
  recentCommands: PublicCommand[];
  recentAuditEvents: PublicAuditEvent[];
}

export interface CommandDurations {
  sampleSize: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
}

/** `GET /api/admin/metrics`: totals, counts by status, the persisted counters and command durations. */
export interface MetricsView {
  workspace: WorkspaceSummary;
  totals: {
    users: number;
    agents: number;
    capsuleServices: number;
    registrationTokens: number;
    commands: number;
    auditEvents: number;
  };
  byStatus: { agents: CountMap; capsuleServices: CountMap; registrationTokens: CountMap; commands: CountMap };
  operational: {
    agentCommandPolls: number;
    agentHeartbeats: number;
    commandsDispatched: number;
    commandsCompleted: number;
    commandsFailed: number;
    commandsCancelled: number;
    commandsExpired: number;
    actionPrepareRequested: number;
    actionPrepareTimeouts: number;
    actionPrepareFailures: number;
    oversizedCommandResultsRejected: number;
    staleOnlineAgents: number;
    counters: Record<string, number>;
  };
  commandDurations: CommandDurations;
  topCommandErrors: { code: string; count: number }[];
}

/** `GET /api/admin/diagnostics/runtime`: the process, the database files and the configuration without secrets. */
export interface RuntimeDiagnostics {
  version: string;
  edition: 'CE';
  node: string;
  platform: string;
  arch: string;
  uptimeSeconds: number;
  pid: number;
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** The replica that answered (`OPSTAGE_REPLICA_ID`). */
  replicaId: string;
  database: SqliteDiagnostics | PostgresDiagnostics;
  /** How replicas tell each other about changes (LISTEN/NOTIFY on PostgreSQL) */
  cluster: ClusterDiagnostics;
  disk: { freeBytes: number; totalBytes: number } | null;
  maintenance: {
    settings: MaintenanceSettings;
    schedulerIntervalSeconds: number;
    running: boolean;
    lastSweep: SweepResult | null;
  };
  config: SafeConfig;
}

export interface SqliteDiagnostics {
  kind: 'sqlite';
  path: string;
  fileSizeBytes: number | null;
  walSizeBytes: number | null;
  tableRowCounts: CountMap;
}

/** No URL, host or user here: `DATABASE_URL` may hold a password (docs/scaling.md, "Settings"). */
export interface PostgresDiagnostics {
  kind: 'postgres';
  /** This replica's connection pool; null if the driver's pool could not be read. */
  pool: DatabasePoolStats | null;
  tableRowCounts: CountMap;
}

/** One replica's PostgreSQL pool (`OPSTAGE_DATABASE_POOL_SIZE` = `size`). */
export interface DatabasePoolStats {
  size: number;
  /** Connections open now (in use plus idle). */
  open: number;
  inUse: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
}

/** The cross-replica notification bus: its listening connection's state, never its connection string. */
export interface ClusterDiagnostics {
  /** `in-process`: SQLite, one process is the whole cluster; `postgres`: LISTEN/NOTIFY. */
  kind: 'in-process' | 'postgres';
  status: 'connected' | 'connecting' | 'reconnecting' | 'stopped';
  /** Successful reconnects of the listening connection since start. */
  reconnects: number;
  /** Code of the last connection error (SQLSTATE or errno), never its message. */
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  /** Notifications that could not be sent. */
  publishFailures: number;
}

/** The configuration with every secret dropped: only presence flags for secrets, never values. */
export interface SafeConfig {
  host: string;
  port: number;
  nodeEnv: string | null;
  dataDir: string;
  databaseKind: DatabaseKind;
  /** The SQLite file; null on PostgreSQL (whose URL is never shown: it may hold a password). */
  databasePath: string | null;
  databasePoolSize: number;
  replicaId: string;
  staticDir: string;
  backupDir: string;
  backupKeep: number;
  sessionTtlSeconds: number;
  cookieSecure: string;
  adminUsername: string | null;
  agentOfflineThresholdSeconds: number;
  serviceStaleThresholdSeconds: number;
  heartbeatIntervalSeconds: number;
  commandPollIntervalSeconds: number;
  commandTtlSeconds: number;
  actionPrepareTimeoutSeconds: number;
  commandResultMaxBytes: number;
  auditRetentionDays: number;
  commandRetentionDays: number;
  healthReportsKeep: number;
  maintenanceIntervalSeconds: number;
  capsuleBusEnabled: boolean;
  busIngestPerMin: number;
  busMaxDepth: number;
  metricsEnabled: boolean;
  metricsTokenSet: boolean;
  logLevel: string;
  publicBaseUrl: string | null;
  extensions: string[];
  webhook: { url: string | null; secretSet: boolean; events: string[] };
  /** The effective runtime settings (env defaults with stored overrides). */
  maintenance: MaintenanceSettings;
}
