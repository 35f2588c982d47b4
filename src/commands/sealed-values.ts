import { REDACTED, redact } from '../common/redaction/redact';

/**
 * Splitting of secret-bearing values into a readable copy and a sealed remainder (docs/design/decisions.md, "Sealed
 * secrets, not process memory").
 * Pure functions: the caller seals/opens with SecretSealer.
 */

/** The readable payload and, when anything had to be hidden, the full original to seal. */
export function splitPayload(payload: Record<string, unknown>): {
  readable: Record<string, unknown>;
  secret: Record<string, unknown> | null;
} {
  const readable = redact(payload);
  // Value-based masking (token-looking strings) counts too: whatever the readable copy lost
  // must travel sealed, or the agent would receive `[REDACTED]` instead of the operator's input.
  const changed = JSON.stringify(readable) !== JSON.stringify(payload);
  return { readable, secret: changed ? payload : null };
}

/** True when a stored readable payload has hidden parts (so it cannot be replayed without its sealed copy). */
export function hasRedactedParts(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return value.includes(REDACTED);
  if (Array.isArray(value)) return value.some((v) => hasRedactedParts(v, depth + 1));
  if (value !== null && typeof value === 'object')
    return Object.values(value as Record<string, unknown>).some((v) => hasRedactedParts(v, depth + 1));
  return false;
}

export const ONE_TIME_FIELD = 'generatedKey';
export const ONE_TIME_TTL_MS = 5 * 60 * 1000;

/**
 * One-time result fields (docs/design/decisions.md, "One-time result fields"): top-level `generatedKey` when it is a non-empty string,
 * plus any top-level field named in `data.oneTimeFields`. Returns the readable (key-redacted)
 * data with those fields set to `[REDACTED]`, and the plaintext fields to seal, if any.
 */
export function splitResultData(data: Record<string, unknown>): {
  readable: Record<string, unknown>;
  oneTime: Record<string, unknown> | null;
} {
  const names = new Set<string>();
  if (typeof data[ONE_TIME_FIELD] === 'string' && data[ONE_TIME_FIELD] !== '') names.add(ONE_TIME_FIELD);
  if (Array.isArray(data.oneTimeFields)) {
    for (const name of data.oneTimeFields) {
      if (typeof name === 'string' && name !== 'oneTimeFields' && data[name] !== undefined && data[name] !== null)
        names.add(name);
    }
  }
  const readable = redact(data);
  if (names.size === 0) return { readable, oneTime: null };
  const oneTime: Record<string, unknown> = {};
  for (const name of names) {
    oneTime[name] = data[name];
    readable[name] = REDACTED;
  }
  return { readable, oneTime };
}

export function parseObject(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
