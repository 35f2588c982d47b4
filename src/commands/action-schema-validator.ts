import type { ErrorIssue } from '../common/errors/domain-error';

/**
 * Validates an action payload against the supported JSON-Schema subset: `type` (string,
 * number, integer, boolean, array, object, null, or an array of them), `properties`,
 * `required`, `enum`, `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `items`,
 * `minItems`/`maxItems`. Unknown keywords are ignored (the UI-only ones such as `title` or
 * `format`), so agents may describe more than we check. Paths look like `payload.count`.
 */
export function validateAgainstSchema(schema: unknown, value: unknown, path = 'payload'): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  check(asSchema(schema), value, path, issues, 0);
  return issues;
}

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {};
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function check(schema: Schema, value: unknown, path: string, issues: ErrorIssue[], depth: number): void {
  if (depth > 32) return;
  const actual = typeOf(value);
  const types = Array.isArray(schema.type)
    ? schema.type.filter((t): t is string => typeof t === 'string')
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  if (types.length > 0 && !types.some((t) => matchesType(t, actual))) {
    issues.push({ path, message: `${path} must be of type ${types.join(' or ')}` });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) {
    issues.push({ path, message: `${path} must be one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}` });
  }
  if (typeof value === 'number') checkNumber(schema, value, path, issues);
  if (typeof value === 'string') checkString(schema, value, path, issues);
  if (Array.isArray(value)) checkArray(schema, value, path, issues, depth);
  if (actual === 'object') checkObject(schema, value as Record<string, unknown>, path, issues, depth);
}

function checkNumber(schema: Schema, value: number, path: string, issues: ErrorIssue[]): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum)
    issues.push({ path, message: `${path} must be >= ${schema.minimum}` });
  if (typeof schema.maximum === 'number' && value > schema.maximum)
    issues.push({ path, message: `${path} must be <= ${schema.maximum}` });
}

function checkString(schema: Schema, value: string, path: string, issues: ErrorIssue[]): void {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    issues.push({ path, message: `${path} must be at least ${schema.minLength} characters` });
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    issues.push({ path, message: `${path} must be at most ${schema.maxLength} characters` });
  }
  if (typeof schema.pattern === 'string') {
    const regex = safeRegex(schema.pattern);
    if (regex && !regex.test(value)) issues.push({ path, message: `${path} must match pattern ${schema.pattern}` });
  }
}

function checkArray(schema: Schema, value: unknown[], path: string, issues: ErrorIssue[], depth: number): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    issues.push({ path, message: `${path} must have at least ${schema.minItems} items` });
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
    issues.push({ path, message: `${path} must have at most ${schema.maxItems} items` });
  if (schema.items !== undefined) {
    const items = asSchema(schema.items);
    value.forEach((item, i) => check(items, item, `${path}.${i}`, issues, depth + 1));
  }
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  path: string,
  issues: ErrorIssue[],
  depth: number,
): void {
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === 'string' && value[key] === undefined) {
        issues.push({ path: `${path}.${key}`, message: `${path}.${key} is required` });
      }
    }
  }
  const properties = asSchema(schema.properties);
  for (const [key, propSchema] of Object.entries(properties)) {
    if (value[key] === undefined) continue;
    check(asSchema(propSchema), value[key], `${path}.${key}`, issues, depth + 1);
  }
}

/** Agent-supplied patterns are compiled defensively; an invalid one is ignored rather than a 500. */
function safeRegex(pattern: string): RegExp | undefined {
  if (pattern.length > 512) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The reference's initial payload (docs/actions-and-commands.md, "Prepare"): each property's `default`, else the zero
 * value of its type (`""` for anything else, including type arrays).
 */
export function initialPayloadFromSchema(schema: unknown): Record<string, unknown> {
  const properties = asSchema(asSchema(schema).properties);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(properties)) {
    const prop = asSchema(raw);
    if (prop.default !== undefined) out[key] = prop.default;
    else if (prop.type === 'number' || prop.type === 'integer') out[key] = 0;
    else if (prop.type === 'boolean') out[key] = false;
    else if (prop.type === 'array') out[key] = [];
    else if (prop.type === 'object') out[key] = {};
    else out[key] = '';
  }
  return out;
}
