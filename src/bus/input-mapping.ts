import type { ErrorIssue } from '../common/errors/domain-error';
import { isSensitiveKey } from '../common/redaction/redact';

/**
 * A route's `inputMapping`: how the routed command's action payload is built from the event.
 *
 * ```json
 * { "itemId": "$.payload.item.id", "reason": "bus", "source": "$.sourceServiceCode", "first": "$.payload.lines.0.sku" }
 * ```
 *
 * - A string starting with `$.` is a path into the event: `$.payload.…`, `$.metadata.…`, or one
 *   of the event fields below. Segments are separated by dots; a numeric segment indexes an array.
 *   A path that resolves to nothing leaves the field out (so the action schema's `required`
 *   catches it).
 * - A string starting with `$$` is a literal with the first `$` removed (`"$$5"` → `"$5"`).
 * - Anything else (strings, numbers, booleans, null, arrays, objects) is copied as a literal;
 *   strings inside nested objects and arrays are resolved the same way.
 * - An empty mapping keeps the reference payload `{ busEvent, payload }` (wire compatibility).
 *
 * Literal values under secret-looking keys are refused at route creation: a route is stored in
 * plain text, so secrets must come from the event (where they travel sealed: docs/design/decisions.md, "Sealed
 * secrets, not process memory").
 */
export const EVENT_FIELDS = [
  'id',
  'eventType',
  'sourceServiceCode',
  'sourceServiceId',
  'agentId',
  'occurredAt',
  'correlationId',
  'causationId',
  'depth',
  'payload',
  'metadata',
] as const;

export type EventField = (typeof EVENT_FIELDS)[number];

/** The event as mapping paths (and the reference payload's `busEvent`) see it. */
export type EventView = Record<EventField, unknown>;

export const MAPPING_LIMITS = { maxBytes: 16 * 1024, maxFields: 64, maxDepth: 8 } as const;

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const OBJECT_ROOTS = new Set<string>(['payload', 'metadata']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Problems with a mapping, with paths like `inputMapping.itemId`; empty when it is usable. */
export function validateInputMapping(mapping: Record<string, unknown>): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (JSON.stringify(mapping).length > MAPPING_LIMITS.maxBytes) {
    return [{ path: 'inputMapping', message: `inputMapping must be at most ${MAPPING_LIMITS.maxBytes} bytes of JSON` }];
  }
  if (Object.keys(mapping).length > MAPPING_LIMITS.maxFields) {
    return [{ path: 'inputMapping', message: `inputMapping must have at most ${MAPPING_LIMITS.maxFields} fields` }];
  }
  walkForIssues(mapping, 'inputMapping', null, 0, issues);
  return issues;
}

function walkForIssues(value: unknown, path: string, key: string | null, depth: number, issues: ErrorIssue[]): void {
  if (depth > MAPPING_LIMITS.maxDepth) {
    issues.push({ path, message: `${path} is nested deeper than ${MAPPING_LIMITS.maxDepth} levels` });
    return;
  }
  if (typeof value === 'string') {
    if (value.startsWith('$.')) {
      const problem = pathProblem(value);
      if (problem) issues.push({ path, message: `${path}: ${problem}` });
      return;
    }
    if (value.startsWith('$') && !value.startsWith('$$')) {
      issues.push({
        path,
        message: `${path} must be a path ("$.payload.x") or, for a literal starting with $, written with $$`,
      });
      return;
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkForIssues(item, `${path}.${i}`, key, depth + 1, issues));
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '' || FORBIDDEN_KEYS.has(k)) {
        issues.push({ path: `${path}.${k}`, message: `${path}: "${k}" is not a usable field name` });
        continue;
      }
      walkForIssues(v, `${path}.${k}`, k, depth + 1, issues);
    }
    return;
  }
  // A literal scalar: never a secret stored in the route row.
  if (key !== null && value !== null && isSensitiveKey(key)) {
    issues.push({
      path,
      message: `${path} looks like a secret; routes store no secret literals, map it from the event instead ("$.payload.${key}")`,
    });
  }
}

function pathProblem(expression: string): string | null {
  const segments = expression.slice(2).split('.');
  if (segments.some((s) => !SEGMENT.test(s)))
    return `"${expression}" is not a valid path (dot-separated names or indexes)`;
  const root = segments[0]!;
  if (!(EVENT_FIELDS as readonly string[]).includes(root))
    return `"${expression}" must start with one of ${EVENT_FIELDS.map((f) => `$.${f}`).join(', ')}`;
  if (segments.length > 1 && !OBJECT_ROOTS.has(root)) return `"${expression}": $.${root} has no nested fields`;
  return null;
}

/** Builds the action payload; paths read the raw (unredacted) event, literals are deep-copied. */
export function applyInputMapping(mapping: Record<string, unknown>, event: EventView): Record<string, unknown> {
  const out = resolveValue(mapping, event);
  return isPlainObject(out) ? out : {};
}

function resolveValue(value: unknown, event: EventView): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('$.')) return lookup(event, value.slice(2).split('.'));
    if (value.startsWith('$$')) return value.slice(1);
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, event) ?? null);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      const resolved = resolveValue(v, event);
      if (resolved !== undefined) out[k] = resolved;
    }
    return out;
  }
  return value;
}

function lookup(root: unknown, segments: string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  // A copy, so the payload never aliases the event objects.
  return current === undefined ? undefined : (JSON.parse(JSON.stringify(current)) as unknown);
}

/** The reference's payload, used when a route has no mapping (docs/capsule-bus.md, "`inputMapping`"). */
export function referencePayload(event: EventView, experimental: string): Record<string, unknown> {
  return { busEvent: { ...event, experimental }, payload: event.payload };
}
