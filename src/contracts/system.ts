/** System endpoints: `/api/system/health`, `/api/system/version`. */

export type ProbeStatus = 'UP' | 'DEGRADED' | 'DOWN';

export interface SystemHealth {
  status: ProbeStatus;
  timestamp: string;
  version: string;
  edition: 'ce';
  database: { status: ProbeStatus; kind: 'sqlite'; latencyMs: number };
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
  features: SystemFeatures;
}
