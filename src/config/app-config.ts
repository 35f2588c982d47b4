import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { BOOLEAN_VARS, ENV_DEFAULTS, EnvSchema, NUMBER_VARS } from './env.schema';
import type { LogLevel } from '../common/logging/app-logger';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Placeholders shipped in `.env.example`; refused when NODE_ENV=production (docs/design/decisions.md, "Placeholders
 * refused in production"). */
export const EXAMPLE_SESSION_SECRET = 'replace-with-a-long-random-secret-of-at-least-32-chars';
export const EXAMPLE_ADMIN_PASSWORD = 'change-me-please-now';

/** The validated, typed, frozen configuration injected as `APP_CONFIG`. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  readonly nodeEnv: string | undefined;
  readonly dataDir: string;
  /** `postgres` when DATABASE_URL is a postgres:// or postgresql:// URL, else the embedded SQLite file. */
  readonly databaseKind: 'sqlite' | 'postgres';
  /** Absolute SQLite path, or `:memory:` (SQLite only). */
  readonly databasePath: string;
  /** The PostgreSQL connection URL (PostgreSQL only). Never logged: it may hold a password. */
  readonly databaseUrl: string | undefined;
  /** Connections per replica in the PostgreSQL pool. */
  readonly databasePoolSize: number;
  /** Names this process in health, metrics and logs (`OPSTAGE_REPLICA_ID`, default host name + pid). */
  readonly replicaId: string;
  readonly adminUsername: string | undefined;
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string;
  readonly sessionTtlSeconds: number;
  readonly cookieSecure: 'auto' | 'true' | 'false';
  readonly staticDir: string;
  /** Express `trust proxy`: false, true, a hop count, or proxy addresses (client IPs for throttling and audit). */
  readonly trustProxy: boolean | number | string;
  readonly agentOfflineThresholdSeconds: number;
  readonly serviceStaleThresholdSeconds: number;
  readonly heartbeatIntervalSeconds: number;
  readonly commandPollIntervalSeconds: number;
  readonly auditRetentionDays: number;
  readonly commandRetentionDays: number;
  readonly healthReportsKeep: number;
  readonly maintenanceIntervalSeconds: number;
  /** How often the schedule ticker looks for due schedules (docs/schedules.md); 0 = no scheduled runs here. */
  readonly scheduleTickSeconds: number;
  readonly backupDir: string;
  readonly backupKeep: number;
  readonly commandResultMaxBytes: number;
  readonly commandTtlSeconds: number;
  readonly actionPrepareTimeoutSeconds: number;
  readonly busEnabled: boolean;
  readonly busIngestPerMin: number;
  readonly busMaxDepth: number;
  readonly metricsEnabled: boolean;
  /** Heartbeats and polls answered ahead of the router (docs/performance.md, "Agent hot path"); off = the ordinary pipeline. */
  readonly agentFastPath: boolean;
  readonly metricsToken: string | undefined;
  readonly logLevel: LogLevel;
  readonly publicBaseUrl: string | undefined;
  readonly version: string;
  readonly commit: string | undefined;
  readonly buildTime: string | undefined;
  readonly extensions: readonly string[];
  readonly webhook: {
    readonly url: string | undefined;
    readonly secret: string | undefined;
    readonly events: readonly string[];
    /** `OPSTAGE_WEBHOOK_ALLOW_PRIVATE`: also allow link-local and cloud-metadata targets. */
    readonly allowPrivate: boolean;
  };
  /** Health turns DEGRADED (`checks.disk`) below this much free space where the data lives (and below 5 %). */
  readonly diskMinFreeBytes: number;
  /** Optional cap of the SQLite file (a quota): writes beyond it fail like a full disk (503 STORAGE_FULL). */
  readonly databaseMaxBytes: number | undefined;
  /** Notification channels and rules (docs/notifications.md, "Settings"). */
  readonly notifications: {
    /** How often one replica evaluates the offline/unhealthy conditions. */
    readonly evaluateIntervalSeconds: number;
    readonly maxAttempts: number;
    readonly timeoutMs: number;
    /** First retry delay; doubles per attempt. */
    readonly backoffMs: number;
    readonly retentionDays: number;
  };
}

export type EnvErrors = Record<string, string[]>;

export class ConfigError extends Error {
  constructor(readonly errors: EnvErrors) {
    super(`Invalid environment: ${JSON.stringify(errors)}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Directory relative paths resolve against (the working directory by default). */
  cwd?: string;
  /** Version from package.json, used when OPSTAGE_VERSION is unset. */
  packageVersion?: string;
  /** Where the built console lives when OPSTAGE_STATIC_DIR is unset. */
  defaultStaticDir?: string;
}

function parseBoolean(raw: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}

/** Validates the whole environment at once; throws ConfigError listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_DEFAULTS) as (keyof typeof ENV_DEFAULTS)[]) raw[key] = ENV_DEFAULTS[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined && ENV_KEYS.includes(key)) raw[key] = value;
  for (const key of NUMBER_VARS)
    if (typeof raw[key] === 'string') raw[key] = raw[key].trim() === '' ? 0 : Number(raw[key]);
  for (const key of BOOLEAN_VARS) if (typeof raw[key] === 'string') raw[key] = parseBoolean(raw[key]);

  const schema = plainToInstance(EnvSchema, raw);
  const errors: EnvErrors = {};
  for (const error of validateSync(schema, { skipMissingProperties: false })) {
    errors[error.property] = [firstMessage(error.constraints ?? {})];
  }
  if (schema.NODE_ENV === 'production') {
    if (schema.OPSTAGE_SESSION_SECRET === EXAMPLE_SESSION_SECRET) {
      (errors.OPSTAGE_SESSION_SECRET ??= []).push(
        'OPSTAGE_SESSION_SECRET must not be the .env.example placeholder in production',
      );
    }
    if (schema.OPSTAGE_ADMIN_PASSWORD === EXAMPLE_ADMIN_PASSWORD) {
      (errors.OPSTAGE_ADMIN_PASSWORD ??= []).push(
        'OPSTAGE_ADMIN_PASSWORD must not be the .env.example placeholder in production',
      );
    }
  }
  if (Object.keys(errors).length > 0) throw new ConfigError(errors);

  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  const dataDir = abs(schema.OPSTAGE_DATA_DIR);
  const list = (v: string | undefined): string[] =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return Object.freeze({
    host: schema.OPSTAGE_HOST,
    port: schema.OPSTAGE_PORT,
    nodeEnv: schema.NODE_ENV,
    dataDir,
    databaseKind: isPostgresUrl(schema.DATABASE_URL) ? 'postgres' : 'sqlite',
    databasePath: isPostgresUrl(schema.DATABASE_URL)
      ? join(dataDir, 'opstage.db')
      : databasePath(schema.DATABASE_URL, dataDir, abs),
    databaseUrl: isPostgresUrl(schema.DATABASE_URL) ? schema.DATABASE_URL : undefined,
    databasePoolSize: schema.OPSTAGE_DATABASE_POOL_SIZE,
    replicaId: schema.OPSTAGE_REPLICA_ID ?? `${hostname()}-${process.pid}`,
    adminUsername: schema.OPSTAGE_ADMIN_USERNAME,
    adminPassword: schema.OPSTAGE_ADMIN_PASSWORD,
    sessionSecret: schema.OPSTAGE_SESSION_SECRET,
    sessionTtlSeconds: schema.OPSTAGE_SESSION_TTL_SECONDS,
    cookieSecure: schema.OPSTAGE_COOKIE_SECURE as AppConfig['cookieSecure'],
    trustProxy: parseTrustProxy(schema.OPSTAGE_TRUST_PROXY),
    staticDir: abs(schema.OPSTAGE_STATIC_DIR ?? options.defaultStaticDir ?? 'admin-ui/dist/admin-ui/browser'),
    agentOfflineThresholdSeconds: schema.OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS,
    serviceStaleThresholdSeconds: schema.OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS,
    heartbeatIntervalSeconds: schema.OPSTAGE_HEARTBEAT_INTERVAL_SECONDS,
    commandPollIntervalSeconds: schema.OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS,
    auditRetentionDays: schema.OPSTAGE_AUDIT_RETENTION_DAYS,
    commandRetentionDays: schema.OPSTAGE_COMMAND_RETENTION_DAYS,
    healthReportsKeep: schema.OPSTAGE_HEALTH_REPORTS_KEEP,
    maintenanceIntervalSeconds: schema.OPSTAGE_MAINTENANCE_INTERVAL_SECONDS,
    scheduleTickSeconds: schema.OPSTAGE_SCHEDULE_TICK_SECONDS,
    backupDir: abs(schema.OPSTAGE_BACKUP_DIR ?? join(dataDir, 'backups')),
    backupKeep: schema.OPSTAGE_BACKUP_KEEP,
    commandResultMaxBytes: schema.OPSTAGE_COMMAND_RESULT_MAX_BYTES,
    commandTtlSeconds: schema.OPSTAGE_COMMAND_TTL_SECONDS,
    actionPrepareTimeoutSeconds: schema.OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS,
    busEnabled: schema.OPSTAGE_CAPSULE_BUS_ENABLED,
    busIngestPerMin: schema.OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN,
    busMaxDepth: schema.OPSTAGE_CAPSULE_BUS_MAX_DEPTH,
    metricsEnabled: schema.OPSTAGE_METRICS_ENABLED,
    agentFastPath: schema.OPSTAGE_AGENT_FAST_PATH,
    metricsToken: schema.OPSTAGE_METRICS_TOKEN,
    logLevel: schema.OPSTAGE_LOG_LEVEL as LogLevel,
    publicBaseUrl: schema.OPSTAGE_PUBLIC_BASE_URL,
    version: schema.OPSTAGE_VERSION ?? options.packageVersion ?? '0.0.0-dev',
    commit: schema.OPSTAGE_COMMIT,
    buildTime: schema.OPSTAGE_BUILD_TIME,
    extensions: list(schema.OPSTAGE_EXTENSIONS),
    webhook: Object.freeze({
      url: schema.OPSTAGE_WEBHOOK_URL,
      secret: schema.OPSTAGE_WEBHOOK_SECRET,
      events: list(schema.OPSTAGE_WEBHOOK_EVENTS),
      allowPrivate: schema.OPSTAGE_WEBHOOK_ALLOW_PRIVATE,
    }),
    diskMinFreeBytes: schema.OPSTAGE_DISK_MIN_FREE_MB * 1024 * 1024,
    databaseMaxBytes:
      schema.OPSTAGE_DATABASE_MAX_MB === undefined ? undefined : schema.OPSTAGE_DATABASE_MAX_MB * 1024 * 1024,
    notifications: Object.freeze({
      evaluateIntervalSeconds: schema.OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS,
      maxAttempts: schema.OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS,
      timeoutMs: schema.OPSTAGE_NOTIFICATIONS_TIMEOUT_MS,
      backoffMs: schema.OPSTAGE_NOTIFICATIONS_BACKOFF_MS,
      retentionDays: schema.OPSTAGE_NOTIFICATIONS_RETENTION_DAYS,
    }),
  });
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** The most basic failure first: "not a number" says more than "out of range". */
const CONSTRAINT_ORDER = ['isNumber', 'isInt', 'isString', 'isBoolean', 'isIn', 'isUrl', 'minLength', 'min', 'max'];

function firstMessage(constraints: Record<string, string>): string {
  const key = CONSTRAINT_ORDER.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  return (key && constraints[key]) ?? 'invalid value';
}

function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** `DATABASE_URL=file:…` wins; otherwise `<dataDir>/opstage.db`. */
function databasePath(url: string | undefined, dataDir: string, abs: (p: string) => string): string {
  if (!url) return join(dataDir, 'opstage.db');
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return path === ':memory:' ? path : abs(path);
}

/** Every variable the schema knows, so unknown environment variables are ignored. */
export const ENV_KEYS: readonly string[] = [
  'OPSTAGE_HOST',
  'OPSTAGE_PORT',
  'OPSTAGE_DATA_DIR',
  'DATABASE_URL',
  'OPSTAGE_ADMIN_USERNAME',
  'OPSTAGE_ADMIN_PASSWORD',
  'OPSTAGE_SESSION_SECRET',
  'OPSTAGE_SESSION_TTL_SECONDS',
  'OPSTAGE_COOKIE_SECURE',
  'OPSTAGE_STATIC_DIR',
  'OPSTAGE_TRUST_PROXY',
  'OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS',
  'OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS',
  'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS',
  'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS',
  'OPSTAGE_AUDIT_RETENTION_DAYS',
  'OPSTAGE_COMMAND_RETENTION_DAYS',
  'OPSTAGE_HEALTH_REPORTS_KEEP',
  'OPSTAGE_MAINTENANCE_INTERVAL_SECONDS',
  'OPSTAGE_BACKUP_DIR',
  'OPSTAGE_BACKUP_KEEP',
  'OPSTAGE_COMMAND_RESULT_MAX_BYTES',
  'OPSTAGE_COMMAND_TTL_SECONDS',
  'OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS',
  'OPSTAGE_CAPSULE_BUS_ENABLED',
  'OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN',
  'OPSTAGE_CAPSULE_BUS_MAX_DEPTH',
  'OPSTAGE_METRICS_ENABLED',
  'OPSTAGE_METRICS_TOKEN',
  'OPSTAGE_AGENT_FAST_PATH',
  'OPSTAGE_LOG_LEVEL',
  'OPSTAGE_PUBLIC_BASE_URL',
  'NODE_ENV',
  'OPSTAGE_VERSION',
  'OPSTAGE_COMMIT',
  'OPSTAGE_BUILD_TIME',
  'OPSTAGE_EXTENSIONS',
  'OPSTAGE_WEBHOOK_URL',
  'OPSTAGE_WEBHOOK_SECRET',
  'OPSTAGE_WEBHOOK_EVENTS',
  'OPSTAGE_WEBHOOK_ALLOW_PRIVATE',
  'OPSTAGE_DISK_MIN_FREE_MB',
  'OPSTAGE_DATABASE_MAX_MB',
  'OPSTAGE_DATABASE_POOL_SIZE',
  'OPSTAGE_REPLICA_ID',
  'OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS',
  'OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS',
  'OPSTAGE_NOTIFICATIONS_TIMEOUT_MS',
  'OPSTAGE_NOTIFICATIONS_BACKOFF_MS',
  'OPSTAGE_NOTIFICATIONS_RETENTION_DAYS',
];
