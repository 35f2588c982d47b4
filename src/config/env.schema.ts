import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  type ValidationArguments,
} from 'class-validator';

const NUM = { message: 'Expected number, received nan' };
const INT = { message: 'Expected integer, received float' };
const gt0 = { message: 'Number must be greater than 0' };
const gte0 = { message: 'Number must be greater than or equal to 0' };

/**
 * One property per environment variable (docs/configuration.md, "Configuration"; docs/design/decisions.md,
 * "Configuration read once at boot"). Values arrive as
 * already coerced by `app-config.ts`: numbers from strings (`""` → 0, `abc` → NaN, as in the reference),
 * booleans from `1/true/yes/on`.
 */
export class EnvSchema {
  @IsString() OPSTAGE_HOST!: string;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, gt0)
  @Max(65535, { message: 'Number must be less than or equal to 65535' })
  OPSTAGE_PORT!: number;
  @IsString() @MinLength(1) OPSTAGE_DATA_DIR!: string;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'String must contain at least 1 character(s)' })
  OPSTAGE_ADMIN_USERNAME?: string;
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'String must contain at least 12 character(s)' })
  OPSTAGE_ADMIN_PASSWORD?: string;

  @MinLength(32, {
    message: (args: ValidationArguments) =>
      args.value === undefined
        ? 'OPSTAGE_SESSION_SECRET is required (>=32 chars)'
        : 'OPSTAGE_SESSION_SECRET must be at least 32 chars',
  })
  OPSTAGE_SESSION_SECRET!: string;

  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_SESSION_TTL_SECONDS!: number;
  @IsIn(['auto', 'true', 'false'], { message: "Expected 'auto' | 'true' | 'false'" }) OPSTAGE_COOKIE_SECURE!: string;
  @IsOptional() @IsString() OPSTAGE_STATIC_DIR?: string;
  @Matches(/^(false|true|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*|loopback|linklocal|uniquelocal)$/, {
    message: "Expected 'false', 'true', a hop count, 'loopback' or a comma-separated list of proxy addresses/CIDRs",
  })
  OPSTAGE_TRUST_PROXY!: string;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(5, { message: 'Number must be greater than or equal to 5' })
  OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(5, { message: 'Number must be greater than or equal to 5' })
  OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_HEARTBEAT_INTERVAL_SECONDS!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(0, gte0)
  @Max(3650, { message: 'Number must be less than or equal to 3650' })
  OPSTAGE_AUDIT_RETENTION_DAYS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(0, gte0)
  @Max(3650, { message: 'Number must be less than or equal to 3650' })
  OPSTAGE_COMMAND_RETENTION_DAYS!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_HEALTH_REPORTS_KEEP!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(0, gte0) OPSTAGE_MAINTENANCE_INTERVAL_SECONDS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(0, gte0)
  @Max(60, { message: 'Number must be less than or equal to 60' })
  OPSTAGE_SCHEDULE_TICK_SECONDS!: number;
  @IsOptional() @IsString() OPSTAGE_BACKUP_DIR?: string;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_BACKUP_KEEP!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_COMMAND_RESULT_MAX_BYTES!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_COMMAND_TTL_SECONDS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, gt0)
  @Max(300, { message: 'Number must be less than or equal to 300' })
  OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS!: number;
  @IsBoolean() OPSTAGE_CAPSULE_BUS_ENABLED!: boolean;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, { message: 'Number must be greater than or equal to 1' })
  OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, { message: 'Number must be greater than or equal to 1' })
  OPSTAGE_CAPSULE_BUS_MAX_DEPTH!: number;
  @IsBoolean() OPSTAGE_METRICS_ENABLED!: boolean;
  @IsBoolean() OPSTAGE_AGENT_FAST_PATH!: boolean;
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'String must contain at least 16 character(s)' })
  OPSTAGE_METRICS_TOKEN?: string;
  @IsIn(['error', 'warn', 'info', 'debug'], { message: "Expected 'error' | 'warn' | 'info' | 'debug'" })
  OPSTAGE_LOG_LEVEL!: string;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'Expected an absolute http(s) URL' })
  OPSTAGE_PUBLIC_BASE_URL?: string;
  @IsOptional() @IsString() NODE_ENV?: string;
  @IsOptional() @IsString() OPSTAGE_VERSION?: string;
  @IsOptional() @IsString() OPSTAGE_COMMIT?: string;
  @IsOptional() @IsString() OPSTAGE_BUILD_TIME?: string;
  @IsOptional() @IsString() OPSTAGE_EXTENSIONS?: string;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'Expected an absolute http(s) URL' })
  OPSTAGE_WEBHOOK_URL?: string;
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'String must contain at least 16 character(s)' })
  OPSTAGE_WEBHOOK_SECRET?: string;
  @IsOptional() @IsString() OPSTAGE_WEBHOOK_EVENTS?: string;
  @IsBoolean() OPSTAGE_WEBHOOK_ALLOW_PRIVATE!: boolean;
  @IsNumber({}, NUM) @IsInt(INT) @Min(0, gte0) OPSTAGE_DISK_MIN_FREE_MB!: number;
  @IsOptional() @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_DATABASE_MAX_MB?: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, gt0)
  @Max(1000, { message: 'Number must be less than or equal to 1000' })
  OPSTAGE_DATABASE_POOL_SIZE!: number;
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'Expected 1-64 characters of letters, digits, ".", "_", ":" or "-"' })
  OPSTAGE_REPLICA_ID?: string;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, gt0)
  @Max(3600, { message: 'Number must be less than or equal to 3600' })
  OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(1, gt0)
  @Max(20, { message: 'Number must be less than or equal to 20' })
  OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(100, { message: 'Number must be greater than or equal to 100' })
  @Max(120000, { message: 'Number must be less than or equal to 120000' })
  OPSTAGE_NOTIFICATIONS_TIMEOUT_MS!: number;
  @IsNumber({}, NUM)
  @IsInt(INT)
  @Min(10, { message: 'Number must be greater than or equal to 10' })
  OPSTAGE_NOTIFICATIONS_BACKOFF_MS!: number;
  @IsNumber({}, NUM) @IsInt(INT) @Min(1, gt0) OPSTAGE_NOTIFICATIONS_RETENTION_DAYS!: number;
}

/** Variables that are numbers, and those that are booleans; everything else is a string. */
export const NUMBER_VARS = [
  'OPSTAGE_PORT',
  'OPSTAGE_SESSION_TTL_SECONDS',
  'OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS',
  'OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS',
  'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS',
  'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS',
  'OPSTAGE_AUDIT_RETENTION_DAYS',
  'OPSTAGE_COMMAND_RETENTION_DAYS',
  'OPSTAGE_HEALTH_REPORTS_KEEP',
  'OPSTAGE_MAINTENANCE_INTERVAL_SECONDS',
  'OPSTAGE_SCHEDULE_TICK_SECONDS',
  'OPSTAGE_BACKUP_KEEP',
  'OPSTAGE_COMMAND_RESULT_MAX_BYTES',
  'OPSTAGE_COMMAND_TTL_SECONDS',
  'OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS',
  'OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN',
  'OPSTAGE_CAPSULE_BUS_MAX_DEPTH',
  'OPSTAGE_DISK_MIN_FREE_MB',
  'OPSTAGE_DATABASE_MAX_MB',
  'OPSTAGE_DATABASE_POOL_SIZE',
  'OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS',
  'OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS',
  'OPSTAGE_NOTIFICATIONS_TIMEOUT_MS',
  'OPSTAGE_NOTIFICATIONS_BACKOFF_MS',
  'OPSTAGE_NOTIFICATIONS_RETENTION_DAYS',
] as const satisfies readonly (keyof EnvSchema)[];

export const BOOLEAN_VARS = [
  'OPSTAGE_CAPSULE_BUS_ENABLED',
  'OPSTAGE_METRICS_ENABLED',
  'OPSTAGE_AGENT_FAST_PATH',
  'OPSTAGE_WEBHOOK_ALLOW_PRIVATE',
] as const satisfies readonly (keyof EnvSchema)[];

/** Defaults applied when a variable is unset (an empty string is not unset, as in the reference). */
export const ENV_DEFAULTS: Partial<Record<keyof EnvSchema, string>> = {
  OPSTAGE_HOST: '0.0.0.0',
  OPSTAGE_PORT: '8080',
  OPSTAGE_DATA_DIR: './data',
  OPSTAGE_SESSION_TTL_SECONDS: '28800',
  OPSTAGE_COOKIE_SECURE: 'auto',
  OPSTAGE_TRUST_PROXY: 'false',
  OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '90',
  OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS: '120',
  OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '30',
  OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS: '5',
  OPSTAGE_AUDIT_RETENTION_DAYS: '90',
  OPSTAGE_COMMAND_RETENTION_DAYS: '30',
  OPSTAGE_HEALTH_REPORTS_KEEP: '288',
  OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '60',
  OPSTAGE_SCHEDULE_TICK_SECONDS: '15',
  OPSTAGE_BACKUP_KEEP: '10',
  OPSTAGE_COMMAND_RESULT_MAX_BYTES: '1000000',
  OPSTAGE_COMMAND_TTL_SECONDS: '300',
  OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS: '30',
  OPSTAGE_DATABASE_POOL_SIZE: '10',
  OPSTAGE_CAPSULE_BUS_ENABLED: 'false',
  OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '60',
  OPSTAGE_CAPSULE_BUS_MAX_DEPTH: '1',
  OPSTAGE_METRICS_ENABLED: 'false',
  OPSTAGE_AGENT_FAST_PATH: 'true',
  OPSTAGE_LOG_LEVEL: 'info',
  OPSTAGE_WEBHOOK_ALLOW_PRIVATE: 'false',
  OPSTAGE_DISK_MIN_FREE_MB: '200',
  OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS: '15',
  OPSTAGE_NOTIFICATIONS_MAX_ATTEMPTS: '5',
  OPSTAGE_NOTIFICATIONS_TIMEOUT_MS: '10000',
  OPSTAGE_NOTIFICATIONS_BACKOFF_MS: '5000',
  OPSTAGE_NOTIFICATIONS_RETENTION_DAYS: '30',
};
