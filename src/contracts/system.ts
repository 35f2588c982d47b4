/** System endpoints: `/api/system/health`, `/api/system/version`. */

export type ProbeStatus = 'UP' | 'DEGRADED' | 'DOWN';

/** Which database this server runs on: the embedded SQLite file, or a shared PostgreSQL (docs/scaling.md). */
export type DatabaseKind = 'sqlite' | 'postgres';

export interface SystemHealth {
  status: ProbeStatus;
  timestamp: string;
  version: string;
  edition: 'ce';
  /** The replica that answered (`OPSTAGE_REPLICA_ID`); several stand behind one load balancer. */
  replicaId: string;
  database: { status: ProbeStatus; kind: DatabaseKind; latencyMs: number };
  uptimeSeconds: number;
  checks: Record<string, { status: ProbeStatus; message?: string }>;
}

/** Optional features this server runs with; the console reads them once and never calls a disabled one. */
export interface SystemFeatures {
  /** `OPSTAGE_CAPSULE_BUS_ENABLED`: with it off every bus endpoint answers 404 CAPSULE_BUS_DISABLED. */
  capsuleBus: boolean;
}

export interface SystemVersion {
  version: string;
  edition: 'ce';
  commit?: string;
  buildTime?: string;
  /**
   * On `postgres` the SQLite backup endpoint answers 409 BACKUP_NOT_SUPPORTED, so the console hides its button
   * (backups there are the operator's pg_dump).
   */
  database: DatabaseKind;
  features: SystemFeatures;
}
