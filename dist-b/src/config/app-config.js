"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENV_KEYS = exports.ConfigError = exports.EXAMPLE_ADMIN_PASSWORD = exports.EXAMPLE_SESSION_SECRET = exports.APP_CONFIG = void 0;
exports.loadConfig = loadConfig;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const node_path_1 = require("node:path");
const env_schema_1 = require("./env.schema");
exports.APP_CONFIG = Symbol('APP_CONFIG');
/** Placeholders shipped in `.env.example`; refused when NODE_ENV=production (decision 10). */
exports.EXAMPLE_SESSION_SECRET = 'replace-with-a-long-random-secret-of-at-least-32-chars';
exports.EXAMPLE_ADMIN_PASSWORD = 'change-me-please-now';
class ConfigError extends Error {
    errors;
    constructor(errors) {
        super(`Invalid environment: ${JSON.stringify(errors)}`);
        this.errors = errors;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
function parseBoolean(raw) {
    return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}
/** Validates the whole environment at once; throws ConfigError listing every invalid variable. */
function loadConfig(env, options = {}) {
    const cwd = options.cwd ?? process.cwd();
    const raw = {};
    for (const key of Object.keys(env_schema_1.ENV_DEFAULTS))
        raw[key] = env_schema_1.ENV_DEFAULTS[key];
    for (const [key, value] of Object.entries(env))
        if (value !== undefined && exports.ENV_KEYS.includes(key))
            raw[key] = value;
    for (const key of env_schema_1.NUMBER_VARS)
        if (typeof raw[key] === 'string')
            raw[key] = (raw[key]).trim() === '' ? 0 : Number(raw[key]);
    for (const key of env_schema_1.BOOLEAN_VARS)
        if (typeof raw[key] === 'string')
            raw[key] = parseBoolean(raw[key]);
    const schema = (0, class_transformer_1.plainToInstance)(env_schema_1.EnvSchema, raw);
    const errors = {};
    for (const error of (0, class_validator_1.validateSync)(schema, { skipMissingProperties: false })) {
        errors[error.property] = [firstMessage(error.constraints ?? {})];
    }
    if (schema.NODE_ENV === 'production') {
        if (schema.OPSTAGE_SESSION_SECRET === exports.EXAMPLE_SESSION_SECRET) {
            (errors.OPSTAGE_SESSION_SECRET ??= []).push('OPSTAGE_SESSION_SECRET must not be the .env.example placeholder in production');
        }
        if (schema.OPSTAGE_ADMIN_PASSWORD === exports.EXAMPLE_ADMIN_PASSWORD) {
            (errors.OPSTAGE_ADMIN_PASSWORD ??= []).push('OPSTAGE_ADMIN_PASSWORD must not be the .env.example placeholder in production');
        }
    }
    if (Object.keys(errors).length > 0)
        throw new ConfigError(errors);
    const abs = (p) => ((0, node_path_1.isAbsolute)(p) ? p : (0, node_path_1.resolve)(cwd, p));
    const dataDir = abs(schema.OPSTAGE_DATA_DIR);
    const list = (v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return Object.freeze({
        host: schema.OPSTAGE_HOST,
        port: schema.OPSTAGE_PORT,
        nodeEnv: schema.NODE_ENV,
        dataDir,
        databasePath: databasePath(schema.DATABASE_URL, dataDir, abs),
        adminUsername: schema.OPSTAGE_ADMIN_USERNAME,
        adminPassword: schema.OPSTAGE_ADMIN_PASSWORD,
        sessionSecret: schema.OPSTAGE_SESSION_SECRET,
        sessionTtlSeconds: schema.OPSTAGE_SESSION_TTL_SECONDS,
        cookieSecure: schema.OPSTAGE_COOKIE_SECURE,
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
        backupDir: abs(schema.OPSTAGE_BACKUP_DIR ?? (0, node_path_1.join)(dataDir, 'backups')),
        backupKeep: schema.OPSTAGE_BACKUP_KEEP,
        commandResultMaxBytes: schema.OPSTAGE_COMMAND_RESULT_MAX_BYTES,
        commandTtlSeconds: schema.OPSTAGE_COMMAND_TTL_SECONDS,
        actionPrepareTimeoutSeconds: schema.OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS,
        busEnabled: schema.OPSTAGE_CAPSULE_BUS_ENABLED,
        busIngestPerMin: schema.OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN,
        busMaxDepth: schema.OPSTAGE_CAPSULE_BUS_MAX_DEPTH,
        metricsEnabled: schema.OPSTAGE_METRICS_ENABLED,
        metricsToken: schema.OPSTAGE_METRICS_TOKEN,
        logLevel: schema.OPSTAGE_LOG_LEVEL,
        publicBaseUrl: schema.OPSTAGE_PUBLIC_BASE_URL,
        version: schema.OPSTAGE_VERSION ?? options.packageVersion ?? '0.0.0-dev',
        commit: schema.OPSTAGE_COMMIT,
        buildTime: schema.OPSTAGE_BUILD_TIME,
        extensions: list(schema.OPSTAGE_EXTENSIONS),
        webhook: Object.freeze({ url: schema.OPSTAGE_WEBHOOK_URL, secret: schema.OPSTAGE_WEBHOOK_SECRET, events: list(schema.OPSTAGE_WEBHOOK_EVENTS) }),
    });
}
function parseTrustProxy(raw) {
    if (raw === 'false')
        return false;
    if (raw === 'true')
        return true;
    return /^\d+$/.test(raw) ? Number(raw) : raw;
}
/** The most basic failure first: "not a number" says more than "out of range". */
const CONSTRAINT_ORDER = ['isNumber', 'isInt', 'isString', 'isBoolean', 'isIn', 'isUrl', 'minLength', 'min', 'max'];
function firstMessage(constraints) {
    const key = CONSTRAINT_ORDER.find((k) => k in constraints) ?? Object.keys(constraints)[0];
    return (key && constraints[key]) ?? 'invalid value';
}
/** `DATABASE_URL=file:…` wins; otherwise `<dataDir>/opstage.db`. */
function databasePath(url, dataDir, abs) {
    if (!url)
        return (0, node_path_1.join)(dataDir, 'opstage.db');
    const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
    return path === ':memory:' ? path : abs(path);
}
/** Every variable the schema knows, so unknown environment variables are ignored. */
exports.ENV_KEYS = [
    'OPSTAGE_HOST', 'OPSTAGE_PORT', 'OPSTAGE_DATA_DIR', 'DATABASE_URL', 'OPSTAGE_ADMIN_USERNAME', 'OPSTAGE_ADMIN_PASSWORD',
    'OPSTAGE_SESSION_SECRET', 'OPSTAGE_SESSION_TTL_SECONDS', 'OPSTAGE_COOKIE_SECURE', 'OPSTAGE_STATIC_DIR', 'OPSTAGE_TRUST_PROXY',
    'OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS', 'OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS', 'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS',
    'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS', 'OPSTAGE_AUDIT_RETENTION_DAYS', 'OPSTAGE_COMMAND_RETENTION_DAYS', 'OPSTAGE_HEALTH_REPORTS_KEEP',
    'OPSTAGE_MAINTENANCE_INTERVAL_SECONDS', 'OPSTAGE_BACKUP_DIR', 'OPSTAGE_BACKUP_KEEP', 'OPSTAGE_COMMAND_RESULT_MAX_BYTES',
    'OPSTAGE_COMMAND_TTL_SECONDS', 'OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS', 'OPSTAGE_CAPSULE_BUS_ENABLED', 'OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN',
    'OPSTAGE_CAPSULE_BUS_MAX_DEPTH', 'OPSTAGE_METRICS_ENABLED', 'OPSTAGE_METRICS_TOKEN', 'OPSTAGE_LOG_LEVEL', 'OPSTAGE_PUBLIC_BASE_URL',
    'NODE_ENV', 'OPSTAGE_VERSION', 'OPSTAGE_COMMIT', 'OPSTAGE_BUILD_TIME', 'OPSTAGE_EXTENSIONS', 'OPSTAGE_WEBHOOK_URL',
    'OPSTAGE_WEBHOOK_SECRET', 'OPSTAGE_WEBHOOK_EVENTS',
];
//# sourceMappingURL=app-config.js.map