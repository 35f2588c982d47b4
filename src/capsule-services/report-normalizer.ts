import { isSensitiveKey, redact, redactSchema, redactString } from '../common/redaction/redact';
import type { DangerLevel } from '../contracts';
import type { ActionDefinitionWire, ConfigItemWire, ReportedService } from '@opstage/agent-node/protocol';

/** What a report says about a service, after redaction: the only form that is stored or hashed. */
export interface NormalizedConfig {
  key: string;
  label: string | null;
  type: string;
  source: string | null;
  editable: boolean;
  sensitive: boolean;
  valuePreview: string | null;
  defaultValue: string | null;
  secretRef: string | null;
  description: string | null;
}

export interface NormalizedAction {
  name: string;
  label: string;
  description: string | null;
  dangerLevel: DangerLevel;
  requiresConfirmation: boolean;
  inputSchema: Record<string, unknown>;
  resultSchema: Record<string, unknown>;
  timeoutSeconds: number | null;
  enabled: boolean;
  hasPrepare: boolean | null;
  metadata: { category?: string; order?: number };
}

export interface NormalizedReport {
  name: string;
  description: string | null;
  version: string | null;
  runtime: string | null;
  manifest: Record<string, unknown>;
  capabilities: unknown[];
  events: unknown[];
  configs: NormalizedConfig[];
  actions: NormalizedAction[];
}

/**
 * Sensitive items never keep a value; `secretRef` is only a reference and stays. A key that looks
 * secret (`DB_PASSWORD`, `apiToken`) is sensitive whatever flag the agent sent (docs/agents.md).
 */
export function normalizeConfig(c: ConfigItemWire): NormalizedConfig {
  const sensitive = c.sensitive === true || isSensitiveKey(c.key);
  return {
    key: c.key,
    label: c.label ?? null,
    type: c.type,
    source: c.source ?? null,
    editable: c.editable === true,
    sensitive,
    valuePreview: sensitive ? null : (c.valuePreview ?? null),
    defaultValue: sensitive ? null : (c.defaultValue ?? null),
    secretRef: c.secretRef ?? null,
    description: c.description ?? null,
  };
}

export function normalizeAction(a: ActionDefinitionWire): NormalizedAction {
  const metadata: { category?: string; order?: number } = {};
  if (a.category !== undefined) metadata.category = a.category;
  if (a.order !== undefined) metadata.order = a.order;
  return {
    name: a.name,
    label: a.label,
    description: a.description ?? null,
    dangerLevel: a.dangerLevel ?? 'LOW',
    requiresConfirmation: a.requiresConfirmation === true,
    inputSchema: redactSchema(a.inputSchema ?? {}),
    resultSchema: redactSchema(a.resultSchema ?? a.outputSchema ?? {}),
    timeoutSeconds: a.timeoutSeconds ?? null,
    enabled: a.enabled !== false,
    hasPrepare: typeof a.hasPrepare === 'boolean' ? a.hasPrepare : null,
    metadata,
  };
}

export function normalizeReport(dto: ReportedService): NormalizedReport {
  const manifest = redact(dto.manifest);
  const fromManifest = (key: string): unknown[] => {
    const v = manifest[key];
    return Array.isArray(v) ? v : [];
  };
  return {
    name: dto.name,
    description: dto.description ?? null,
    version: dto.version ?? null,
    runtime: dto.runtime ?? null,
    manifest,
    capabilities: dto.capabilities ? redact(dto.capabilities) : fromManifest('capabilities'),
    events: dto.events ? redact(dto.events) : fromManifest('events'),
    configs: (dto.configs ?? []).map(normalizeConfig),
    actions: (dto.actions ?? []).map(normalizeAction),
  };
}

/** Key-sorted JSON so the fingerprint does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Health message and details as stored: details key-redacted, token-looking text masked. */
export function normalizeHealth<S extends string>(h: {
  status: S;
  message?: string;
  details?: Record<string, unknown>;
}): { status: S; message: string | null; details: Record<string, unknown> } {
  return {
    status: h.status,
    message: h.message === undefined ? null : redactString(h.message),
    details: redact(h.details ?? {}),
  };
}
