import { JsonObject, isJsonObject } from '../../api/view-types';

/**
 * The route `inputMapping` editor model (docs/capsule-bus.md, "inputMapping"): one row per action
 * payload field, `field → expression`. The expression text is read like this:
 *
 * - `$.payload.a.0.b`, `$.metadata.x`, `$.id`, `$.eventType`… → a path, sent as the string;
 * - `$$text` → sent as is (the server drops the first `$`: a literal string starting with `$`);
 * - valid JSON (`42`, `true`, `null`, `"42"`, `[1, 2]`, `{"a": "$.payload.x"}`) → that value;
 * - anything else → the text as a literal string.
 *
 * `valueToExpression` is the inverse (strings that would read back as something else are shown
 * JSON-quoted), so `rowsFromMapping` → `mappingFromRows` gives back the same object.
 */
export interface MappingRow {
  /** Stable identity for `@for … track` (not sent). */
  key: number;
  field: string;
  expression: string;
}

export type MappingIssueCode =
  | 'fieldRequired'
  | 'fieldReserved'
  | 'fieldDuplicate'
  | 'expressionRequired'
  | 'pathInvalid'
  | 'pathRoot'
  | 'pathNotNested'
  | 'dollarLiteral'
  | 'tooDeep'
  | 'tooManyFields'
  | 'tooLarge';

export interface MappingIssue {
  /** Row index in the editor, or -1 for the mapping as a whole. */
  row: number;
  code: MappingIssueCode;
  /** Translation parameters (`bus.mapping.issue.<code>`). */
  params?: Record<string, string | number>;
}

/** Same limits and names as src/bus/input-mapping.ts (the server stays authoritative). */
export const MAPPING_LIMITS = { maxBytes: 16 * 1024, maxFields: 64, maxDepth: 8 } as const;
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
const OBJECT_ROOTS = new Set<string>(['payload', 'metadata']);
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const RESERVED_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

let lastKey = 0;
export function nextRowKey(): number {
  lastKey += 1;
  return lastKey;
}

export function emptyRow(): MappingRow {
  return { key: nextRowKey(), field: '', expression: '' };
}

/** Expression text → mapping value; `undefined` when the text is blank. */
export function expressionToValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/** Mapping value → expression text that `expressionToValue` reads back as the same value. */
export function valueToExpression(value: unknown): string {
  if (typeof value === 'string') {
    return value === '' || value.trim() !== value || readsAsJson(value)
      ? JSON.stringify(value)
      : value;
  }
  return JSON.stringify(value ?? null);
}

function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function rowsFromMapping(mapping: JsonObject | null | undefined): MappingRow[] {
  if (!isJsonObject(mapping)) {
    return [];
  }
  return Object.entries(mapping).map(([field, value]) => ({
    key: nextRowKey(),
    field,
    expression: valueToExpression(value),
  }));
}

/** True for a row the operator left completely empty (ignored, not an error). */
export function isBlankRow(row: MappingRow): boolean {
  return row.field.trim() === '' && row.expression.trim() === '';
}

/**
 * Rows → `inputMapping`, plus the problems found client-side (obviously bad input only: the
 * server re-validates and its `inputMapping.<field>` issues are shown on the rows too).
 */
export function mappingFromRows(rows: readonly MappingRow[]): {
  mapping: JsonObject;
  issues: MappingIssue[];
} {
  const mapping: JsonObject = {};
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  let used = 0;
  rows.forEach((row, index) => {
    if (isBlankRow(row)) {
      return;
    }
    used += 1;
    const field = row.field.trim();
    const value = expressionToValue(row.expression);
    if (field === '') {
      issues.push({ row: index, code: 'fieldRequired' });
    } else if (RESERVED_FIELDS.has(field)) {
      issues.push({ row: index, code: 'fieldReserved', params: { field } });
    } else if (seen.has(field)) {
      issues.push({ row: index, code: 'fieldDuplicate', params: { field } });
    }
    if (value === undefined) {
      issues.push({ row: index, code: 'expressionRequired' });
    } else {
      const problem = valueProblem(value, 1);
      if (problem) {
        issues.push({ row: index, ...problem });
      }
    }
    if (field !== '' && !seen.has(field) && !RESERVED_FIELDS.has(field) && value !== undefined) {
      mapping[field] = value;
    }
    seen.add(field);
  });
  if (used > MAPPING_LIMITS.maxFields) {
    issues.push({ row: -1, code: 'tooManyFields', params: { max: MAPPING_LIMITS.maxFields } });
  } else if (JSON.stringify(mapping).length > MAPPING_LIMITS.maxBytes) {
    issues.push({ row: -1, code: 'tooLarge', params: { max: MAPPING_LIMITS.maxBytes } });
  }
  return { mapping, issues };
}

/** What is wrong with one mapping value (strings nested in literals follow the same rules). */
export function valueProblem(value: unknown, depth: number): Omit<MappingIssue, 'row'> | null {
  if (depth > MAPPING_LIMITS.maxDepth) {
    return { code: 'tooDeep', params: { max: MAPPING_LIMITS.maxDepth } };
  }
  if (typeof value === 'string') {
    if (value.startsWith('$.')) {
      return pathProblem(value);
    }
    if (value.startsWith('$') && !value.startsWith('$$')) {
      return { code: 'dollarLiteral', params: { value } };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = valueProblem(item, depth + 1);
      if (problem) {
        return problem;
      }
    }
    return null;
  }
  if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '' || RESERVED_FIELDS.has(key)) {
        return { code: 'fieldReserved', params: { field: key } };
      }
      const problem = valueProblem(item, depth + 1);
      if (problem) {
        return problem;
      }
    }
  }
  return null;
}

function pathProblem(expression: string): Omit<MappingIssue, 'row'> | null {
  const segments = expression.slice(2).split('.');
  if (segments.some((s) => !SEGMENT.test(s))) {
    return { code: 'pathInvalid', params: { value: expression } };
  }
  const root = segments[0] ?? '';
  if (!(EVENT_FIELDS as readonly string[]).includes(root)) {
    return { code: 'pathRoot', params: { value: expression } };
  }
  if (segments.length > 1 && !OBJECT_ROOTS.has(root)) {
    return { code: 'pathNotNested', params: { value: expression, root: `$.${root}` } };
  }
  return null;
}

/** Same mapping, ignoring key order (decides whether an edit must send `inputMapping`). */
export function sameMapping(
  a: JsonObject | null | undefined,
  b: JsonObject | null | undefined,
): boolean {
  return canonical(a ?? {}) === canonical(b ?? {});
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
