"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENV_DEFAULTS = exports.BOOLEAN_VARS = exports.NUMBER_VARS = exports.EnvSchema = void 0;
const class_validator_1 = require("class-validator");
const NUM = { message: 'Expected number, received nan' };
const INT = { message: 'Expected integer, received float' };
const gt0 = { message: 'Number must be greater than 0' };
const gte0 = { message: 'Number must be greater than or equal to 0' };
/**
 * One property per environment variable (backend.md §1.1 plus decisions §2). Values arrive as
 * already coerced by `app-config.ts`: numbers from strings (`""` → 0, `abc` → NaN, as REF),
 * booleans from `1/true/yes/on`.
 */
class EnvSchema {
    OPSTAGE_HOST;
    OPSTAGE_PORT;
    OPSTAGE_DATA_DIR;
    DATABASE_URL;
    OPSTAGE_ADMIN_USERNAME;
    OPSTAGE_ADMIN_PASSWORD;
    OPSTAGE_SESSION_SECRET;
    OPSTAGE_SESSION_TTL_SECONDS;
    OPSTAGE_COOKIE_SECURE;
    OPSTAGE_STATIC_DIR;
    OPSTAGE_TRUST_PROXY;
    OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS;
    OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS;
    OPSTAGE_HEARTBEAT_INTERVAL_SECONDS;
    OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS;
    OPSTAGE_AUDIT_RETENTION_DAYS;
    OPSTAGE_COMMAND_RETENTION_DAYS;
    OPSTAGE_HEALTH_REPORTS_KEEP;
    OPSTAGE_MAINTENANCE_INTERVAL_SECONDS;
    OPSTAGE_BACKUP_DIR;
    OPSTAGE_BACKUP_KEEP;
    OPSTAGE_COMMAND_RESULT_MAX_BYTES;
    OPSTAGE_COMMAND_TTL_SECONDS;
    OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS;
    OPSTAGE_CAPSULE_BUS_ENABLED;
    OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN;
    OPSTAGE_CAPSULE_BUS_MAX_DEPTH;
    OPSTAGE_METRICS_ENABLED;
    OPSTAGE_METRICS_TOKEN;
    OPSTAGE_LOG_LEVEL;
    OPSTAGE_PUBLIC_BASE_URL;
    NODE_ENV;
    OPSTAGE_VERSION;
    OPSTAGE_COMMIT;
    OPSTAGE_BUILD_TIME;
    OPSTAGE_EXTENSIONS;
    OPSTAGE_WEBHOOK_URL;
    OPSTAGE_WEBHOOK_SECRET;
    OPSTAGE_WEBHOOK_EVENTS;
}
exports.EnvSchema = EnvSchema;
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_HOST", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    (0, class_validator_1.Max)(65535, { message: 'Number must be less than or equal to 65535' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_PORT", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_DATA_DIR", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1, { message: 'String must contain at least 1 character(s)' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_ADMIN_USERNAME", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(12, { message: 'String must contain at least 12 character(s)' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_ADMIN_PASSWORD", void 0);
__decorate([
    (0, class_validator_1.MinLength)(32, {
        message: (args) => args.value === undefined ? 'OPSTAGE_SESSION_SECRET is required (>=32 chars)' : 'OPSTAGE_SESSION_SECRET must be at least 32 chars',
    }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_SESSION_SECRET", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_SESSION_TTL_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['auto', 'true', 'false'], { message: "Expected 'auto' | 'true' | 'false'" }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_COOKIE_SECURE", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_STATIC_DIR", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^(false|true|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*|loopback|linklocal|uniquelocal)$/, {
        message: "Expected 'false', 'true', a hop count, 'loopback' or a comma-separated list of proxy addresses/CIDRs",
    }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_TRUST_PROXY", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(5, { message: 'Number must be greater than or equal to 5' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(5, { message: 'Number must be greater than or equal to 5' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_HEARTBEAT_INTERVAL_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(0, gte0),
    (0, class_validator_1.Max)(3650, { message: 'Number must be less than or equal to 3650' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_AUDIT_RETENTION_DAYS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(0, gte0),
    (0, class_validator_1.Max)(3650, { message: 'Number must be less than or equal to 3650' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_COMMAND_RETENTION_DAYS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_HEALTH_REPORTS_KEEP", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(0, gte0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_MAINTENANCE_INTERVAL_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_BACKUP_DIR", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_BACKUP_KEEP", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_COMMAND_RESULT_MAX_BYTES", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_COMMAND_TTL_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, gt0),
    (0, class_validator_1.Max)(300, { message: 'Number must be less than or equal to 300' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], EnvSchema.prototype, "OPSTAGE_CAPSULE_BUS_ENABLED", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, { message: 'Number must be greater than or equal to 1' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({}, NUM),
    (0, class_validator_1.IsInt)(INT),
    (0, class_validator_1.Min)(1, { message: 'Number must be greater than or equal to 1' }),
    __metadata("design:type", Number)
], EnvSchema.prototype, "OPSTAGE_CAPSULE_BUS_MAX_DEPTH", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], EnvSchema.prototype, "OPSTAGE_METRICS_ENABLED", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(16, { message: 'String must contain at least 16 character(s)' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_METRICS_TOKEN", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['error', 'warn', 'info', 'debug'], { message: "Expected 'error' | 'warn' | 'info' | 'debug'" }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_LOG_LEVEL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUrl)({ require_tld: false, require_protocol: true }, { message: 'Expected an absolute http(s) URL' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_PUBLIC_BASE_URL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "NODE_ENV", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_VERSION", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_COMMIT", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_BUILD_TIME", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_EXTENSIONS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUrl)({ require_tld: false, require_protocol: true }, { message: 'Expected an absolute http(s) URL' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_WEBHOOK_URL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(16, { message: 'String must contain at least 16 character(s)' }),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_WEBHOOK_SECRET", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvSchema.prototype, "OPSTAGE_WEBHOOK_EVENTS", void 0);
/** Variables that are numbers, and those that are booleans; everything else is a string. */
exports.NUMBER_VARS = [
    'OPSTAGE_PORT', 'OPSTAGE_SESSION_TTL_SECONDS', 'OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS', 'OPSTAGE_SERVICE_STALE_THRESHOLD_SECONDS',
    'OPSTAGE_HEARTBEAT_INTERVAL_SECONDS', 'OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS', 'OPSTAGE_AUDIT_RETENTION_DAYS',
    'OPSTAGE_COMMAND_RETENTION_DAYS', 'OPSTAGE_HEALTH_REPORTS_KEEP', 'OPSTAGE_MAINTENANCE_INTERVAL_SECONDS', 'OPSTAGE_BACKUP_KEEP',
    'OPSTAGE_COMMAND_RESULT_MAX_BYTES', 'OPSTAGE_COMMAND_TTL_SECONDS', 'OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS',
    'OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN', 'OPSTAGE_CAPSULE_BUS_MAX_DEPTH',
];
exports.BOOLEAN_VARS = ['OPSTAGE_CAPSULE_BUS_ENABLED', 'OPSTAGE_METRICS_ENABLED'];
/** Defaults applied when a variable is unset (an empty string is not unset, as REF). */
exports.ENV_DEFAULTS = {
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
    OPSTAGE_HEALTH_REPORTS_KEEP: '100',
    OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '60',
    OPSTAGE_BACKUP_KEEP: '10',
    OPSTAGE_COMMAND_RESULT_MAX_BYTES: '1000000',
    OPSTAGE_COMMAND_TTL_SECONDS: '300',
    OPSTAGE_ACTION_PREPARE_TIMEOUT_SECONDS: '30',
    OPSTAGE_CAPSULE_BUS_ENABLED: 'false',
    OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '60',
    OPSTAGE_CAPSULE_BUS_MAX_DEPTH: '1',
    OPSTAGE_METRICS_ENABLED: 'false',
    OPSTAGE_LOG_LEVEL: 'info',
};
//# sourceMappingURL=env.schema.js.map