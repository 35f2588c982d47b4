/**
 * What the agent reports about its service: manifest, action catalog, health and configs
 * (Part B), plus validation of action definitions and safe execution of the providers.
 */

import { AgentConfigError } from './errors.js';
import { redactValue } from './logging.js';
import type { AgentLogger } from './logging.js';
import type { ResolvedOptions } from './options.js';
import type {
  ActionDefinitionWire,
  CapsuleManifest,
  ConfigItemWire,
  DangerLevel,
  HealthReportInput,
  HealthStatus,
  JsonObject,
  ReportedService,
} from './protocol.js';
import type { ActionDefinitionInput, ConfigItemInput, ConfigProvider, HealthProvider } from './types.js';

const ACTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const FORBIDDEN_ACTION_NAMES = new Set(['exec', 'runshell', 'bash', 'sh', 'runscript', 'customcommand', 'shell']);
const DANGER_LEVELS: readonly DangerLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const HEALTH_STATUSES: readonly HealthStatus[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

function actionFail(name: string, message: string, code = 'INVALID_OPTION'): never {
  throw new AgentConfigError(`Invalid action "${name}": ${message}`, `action:${name}`, code);
}

/**
 * Validates an action definition (internal). Throws `INVALID_OPTION` for a bad field and
 * `DUPLICATE_ACTION` for a name already registered.
 */
export function validateAction(
  def: ActionDefinitionInput,
  registered: ReadonlyMap<string, ActionDefinitionInput>,
): void {
  if (def === null || typeof def !== 'object')
    throw new AgentConfigError('action() needs a definition object.', 'action');
  const name = typeof def.name === 'string' ? def.name : '';
  if (!ACTION_NAME.test(name) || name.length > 128)
    actionFail(name, 'name must be 1–128 characters of letters, digits, . _ -.');
  if (FORBIDDEN_ACTION_NAMES.has(name.toLowerCase())) actionFail(name, 'generic shell/script actions are not allowed.');
  if (registered.has(name)) actionFail(name, 'an action with this name is already registered.', 'DUPLICATE_ACTION');
  if (typeof def.label !== 'string' || def.label.trim() === '') actionFail(name, 'label is required.');
  if (typeof def.handler !== 'function') actionFail(name, 'handler must be a function.');
  if (def.prepare !== undefined && typeof def.prepare !== 'function') actionFail(name, 'prepare must be a function.');
  if (def.dangerLevel !== undefined && !DANGER_LEVELS.includes(def.dangerLevel))
    actionFail(name, 'dangerLevel must be LOW, MEDIUM, HIGH or CRITICAL.');
  if (def.timeoutSeconds !== undefined && (!Number.isInteger(def.timeoutSeconds) || def.timeoutSeconds <= 0)) {
    actionFail(name, 'timeoutSeconds must be a positive integer.');
  }
  if (def.order !== undefined && (typeof def.order !== 'number' || !Number.isFinite(def.order)))
    actionFail(name, 'order must be a number.');
  if (
    def.inputSchema !== undefined &&
    (def.inputSchema === null || typeof def.inputSchema !== 'object' || Array.isArray(def.inputSchema))
  ) {
    actionFail(name, 'inputSchema must be an object.');
  }
}

/** Catalog entry of an action as reported (internal). HIGH actions require confirmation unless told otherwise. */
export function toCatalogEntry(def: ActionDefinitionInput): ActionDefinitionWire {
  const dangerLevel = def.dangerLevel ?? 'LOW';
  const entry: ActionDefinitionWire = {
    name: def.name,
    label: def.label,
    dangerLevel,
    requiresConfirmation: def.requiresConfirmation ?? (dangerLevel === 'HIGH' || dangerLevel === 'CRITICAL'),
    hasPrepare: typeof def.prepare === 'function',
  };
  if (def.description !== undefined) entry.description = def.description;
  if (def.category !== undefined) entry.category = def.category;
  if (def.order !== undefined) entry.order = def.order;
  if (def.inputSchema !== undefined) entry.inputSchema = def.inputSchema;
  if (def.timeoutSeconds !== undefined) entry.timeoutSeconds = def.timeoutSeconds;
  return entry;
}

/** Builds the Capsule Manifest: `manifest` extras first, identity fields from `service` win (internal). */
export function buildManifest(options: Pick<ResolvedOptions, 'service' | 'manifest' | 'agent'>): CapsuleManifest {
  const { service } = options;
  const manifest: CapsuleManifest = {
    ...options.manifest,
    kind: 'CapsuleService',
    schemaVersion: '1.0',
    code: service.code,
    name: service.name,
    version: service.version,
    runtime: service.runtime,
    agentMode: options.agent.mode,
  };
  if (service.description !== undefined) manifest.description = service.description;
  if (service.capabilities !== undefined) manifest['capabilities'] = service.capabilities;
  if (service.resources !== undefined) manifest['resources'] = service.resources;
  if (service.metadata !== undefined) manifest['metadata'] = service.metadata;
  return manifest;
}

/** Assembles one `ReportedService` (internal). */
export function buildReportedService(
  options: Pick<ResolvedOptions, 'service' | 'manifest' | 'agent'>,
  actions: Iterable<ActionDefinitionInput>,
  health: HealthReportInput | undefined,
  configs: ConfigItemWire[] | undefined,
): ReportedService {
  const { service } = options;
  const reported: ReportedService = {
    code: service.code,
    name: service.name,
    version: service.version,
    runtime: service.runtime,
    manifest: buildManifest(options),
    actions: [...actions].map(toCatalogEntry),
  };
  if (service.description !== undefined) reported.description = service.description;
  if (health !== undefined) reported.health = health;
  if (configs !== undefined) reported.configs = configs;
  return reported;
}

/**
 * Runs `fn` with a time limit; rejects with an `Error` whose message names `label` on timeout.
 */
export async function withTimeout<T>(fn: () => T | Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms.`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Normalises a provider's health report; anything invalid becomes `UNKNOWN` (internal). */
export function sanitizeHealth(value: unknown): HealthReportInput {
  if (value === null || typeof value !== 'object')
    return { status: 'UNKNOWN', message: 'Health provider returned no report.' };
  const raw = value as Record<string, unknown>;
  const status = HEALTH_STATUSES.includes(raw['status'] as HealthStatus) ? (raw['status'] as HealthStatus) : 'UNKNOWN';
  const report: HealthReportInput = { status };
  if (typeof raw['message'] === 'string') report.message = raw['message'];
  else if (status !== raw['status']) report.message = 'Health provider returned an invalid status.';
  const details = raw['details'];
  if (details !== null && typeof details === 'object' && !Array.isArray(details))
    report.details = redactValue(details) as JsonObject;
  return report;
}

/** Runs the health provider: exceptions and timeouts become `UNKNOWN` (internal). */
export async function runHealthProvider(
  provider: HealthProvider | undefined,
  timeoutMs: number,
): Promise<{ report: HealthReportInput; error?: unknown }> {
  if (!provider) return { report: { status: 'UNKNOWN', message: 'No health provider registered.' } };
  try {
    return { report: sanitizeHealth(await withTimeout(provider, timeoutMs, 'Health provider')) };
  } catch (error) {
    return { report: { status: 'UNKNOWN', message: 'Health provider failed.' }, error };
  }
}

function preview(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Converts provider config items to wire items (internal): `currentValue` → `valuePreview`;
 * for sensitive items no value and no default leaves the process.
 */
export function sanitizeConfigs(items: unknown): ConfigItemWire[] {
  if (!Array.isArray(items)) throw new TypeError('Config provider must return an array.');
  const out: ConfigItemWire[] = [];
  for (const raw of items as ConfigItemInput[]) {
    if (raw === null || typeof raw !== 'object' || typeof raw.key !== 'string' || raw.key === '') continue;
    const item: ConfigItemWire = {
      key: raw.key,
      type: typeof raw.type === 'string' && raw.type !== '' ? raw.type : 'string',
    };
    if (typeof raw.label === 'string') item.label = raw.label;
    if (typeof raw.source === 'string') item.source = raw.source;
    if (typeof raw.editable === 'boolean') item.editable = raw.editable;
    if (typeof raw.secretRef === 'string') item.secretRef = raw.secretRef;
    const sensitive = raw.sensitive === true || item.type === 'secret';
    item.sensitive = sensitive;
    if (!sensitive) {
      const value = raw.valuePreview ?? preview(raw.currentValue);
      if (value !== undefined) item.valuePreview = value;
      if (typeof raw.defaultValue === 'string') item.defaultValue = raw.defaultValue;
    }
    out.push(item);
  }
  return out;
}

/** Runs the config provider (internal); on failure the caller keeps its last good list. */
export async function runConfigProvider(
  provider: ConfigProvider | undefined,
  timeoutMs: number,
): Promise<ConfigItemWire[] | undefined> {
  if (!provider) return undefined;
  return sanitizeConfigs(await withTimeout(provider, timeoutMs, 'Config provider'));
}

/**
 * Samples the providers and assembles the service report (internal). Keeps the last good
 * config list when the config provider fails.
 */
export class ServiceSnapshot {
  private readonly opts: ResolvedOptions;
  private readonly logger: AgentLogger;
  private readonly actions: ReadonlyMap<string, ActionDefinitionInput>;
  private readonly providers: { health(): HealthProvider | undefined; configs(): ConfigProvider | undefined };
  private lastConfigs: ConfigItemWire[] | undefined;

  /**
   * @param opts - resolved options
   * @param logger - logger
   * @param actions - registered actions
   * @param providers - provider getters
   */
  constructor(
    opts: ResolvedOptions,
    logger: AgentLogger,
    actions: ReadonlyMap<string, ActionDefinitionInput>,
    providers: { health(): HealthProvider | undefined; configs(): ConfigProvider | undefined },
  ) {
    this.opts = opts;
    this.logger = logger;
    this.actions = actions;
    this.providers = providers;
  }

  /** Runs the health provider (failures become UNKNOWN and are logged). */
  async health(): Promise<HealthReportInput> {
    const { report, error } = await runHealthProvider(this.providers.health(), this.opts.healthTimeoutMs);
    if (error !== undefined) this.logger.warn('health.failed', 'Health provider failed; reporting UNKNOWN.', { error });
    return report;
  }

  /** Builds the full `ReportedService` (manifest, health, configs, catalog). */
  async build(): Promise<ReportedService> {
    const health = await this.health();
    try {
      this.lastConfigs =
        (await runConfigProvider(this.providers.configs(), this.opts.healthTimeoutMs)) ?? this.lastConfigs;
    } catch (error) {
      this.logger.warn('configs.failed', 'Config provider failed; reporting the last known list.', { error });
    }
    return buildReportedService(this.opts, this.actions.values(), health, this.lastConfigs);
  }
}
