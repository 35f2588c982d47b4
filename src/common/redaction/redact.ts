/**
 * One redaction policy for logs, audit metadata, stored payloads and error details
 * (docs/design/decisions.md, "Redaction by key and value": key- and value-based, numeric counters kept).
 */
export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY =
  /(pass(word|wd|phrase)?|secret|token|cookie|authorization|api[-_]?key|private[-_]?key|credential|generated[-_]?key|raw[-_]?key|plain[-_]?text[-_]?key|session[-_]?id|signature)/i;
/** Keys that name a sensitive thing but hold harmless metadata about it (e.g. `tokenCount`). */
const METADATA_SUFFIX =
  /(count|total|ttl|seconds|expires(at)?|length|size|max|min|id|ids|prefix|type|status|name|ref)$/i;
/** Timestamps about a secret (`credentialsRotatedAt`, `password_changed_at`) are not the secret. */
const TIMESTAMP_SUFFIX = /(At|_at|_AT)$/;
const OPSTAGE_TOKEN = /opstage_([a-z]+)_[A-Za-z0-9_-]{8,}/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** The password in a URL's user info (`postgres://user:secret@host`), e.g. a DATABASE_URL inside a driver message. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi;

/** A number under a plural key (`revokedTokens: 1`) is a count, not a secret. */
function isCounter(key: string, value: unknown): boolean {
  return typeof value === 'number' && /s$/.test(key);
}

/**
 * The metadata exemptions look only at what follows the sensitive word: `tokenId` and
 * `secretName` are metadata, but in `sessionId` the "id" *is* the secret and stays hidden.
 */
export function isSensitiveKey(key: string): boolean {
  const match = SENSITIVE_KEY.exec(key);
  if (!match) return false;
  const rest = key.slice(match.index + match[0].length);
  return !(rest !== '' && (METADATA_SUFFIX.test(rest) || TIMESTAMP_SUFFIX.test(rest)));
}

/** Masks token-looking substrings in free text; the whole token body goes, not just a tail. */
export function redactString(text: string): string {
  return text
    .replace(OPSTAGE_TOKEN, (_m, kind: string) => `opstage_${kind}_${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`);
}

/**
 * Deep copy with sensitive keys replaced by `[REDACTED]` and token-looking string values masked.
 * Numbers and booleans under metadata-like keys survive, so `tokenCount: 3` stays readable.
 */
export function redact<T>(value: T, depth = 0): T {
  return redactAny(value, depth) as T;
}

function redactAny(value: unknown, depth: number): unknown {
  if (depth > 32) return REDACTED;
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map((v) => redactAny(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        isSensitiveKey(k) && v !== null && v !== undefined && !isCounter(k, v) ? REDACTED : redactAny(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** JSON Schema keywords whose value maps field (or definition) names to sub-schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords that carry sample values: under a secret-named field they may be a real secret. */
const SCHEMA_SAMPLES = new Set(['default', 'examples', 'example']);

/**
 * An action's input or result schema. A field called `password` holds a schema, not a secret, so its
 * structure is kept and the payload is still validated against it (key-based `redact` replaced the whole
 * sub-schema and validation of that field was skipped); the sample values of a secret-named field are
 * dropped, and every other string is masked as `redact` masks it.
 */
export function redactSchema<T>(schema: T): T {
  return redactSchemaNode(schema, false, 0) as T;
}

function redactSchemaNode(node: unknown, secretField: boolean, depth: number): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(node)) return node.map((n) => redactSchemaNode(n, secretField, depth + 1));
  if (node === null || typeof node !== 'object') return redactAny(node, depth);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (SCHEMA_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const fields = Object.entries(v as Record<string, unknown>).map(
        ([name, sub]) => [name, redactSchemaNode(sub, secretField || isSensitiveKey(name), depth + 2)] as const,
      );
      out[k] = Object.fromEntries(fields);
    } else if (SCHEMA_SAMPLES.has(k)) {
      if (!secretField) out[k] = redactAny(v, depth + 1);
    } else if (isSensitiveKey(k) && (v === null || typeof v !== 'object')) {
      // A custom annotation such as `x-apiKey: "..."` is a value, not a schema.
      out[k] = v === null || v === undefined || isCounter(k, v) ? v : REDACTED;
    } else {
      out[k] = redactSchemaNode(v, secretField, depth + 1);
    }
  }
  return out;
}

/** Names of top-level and nested fields that `redact` would hide; used to decide what to seal. */
export function sensitivePaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const paths: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isSensitiveKey(k) && v !== null && v !== undefined) paths.push(path);
    else paths.push(...sensitivePaths(v, path));
  }
  return paths;
}
