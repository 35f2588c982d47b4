"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAPPING_LIMITS = exports.EVENT_FIELDS = void 0;
exports.validateInputMapping = validateInputMapping;
exports.applyInputMapping = applyInputMapping;
exports.referencePayload = referencePayload;
const redact_1 = require("../common/redaction/redact");
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
 * plain text, so secrets must come from the event (where they travel sealed, decision 8).
 */
exports.EVENT_FIELDS = [
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
];
exports.MAPPING_LIMITS = { maxBytes: 16 * 1024, maxFields: 64, maxDepth: 8 };
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const OBJECT_ROOTS = new Set(['payload', 'metadata']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** Problems with a mapping, with paths like `inputMapping.itemId`; empty when it is usable. */
function validateInputMapping(mapping) {
    const issues = [];
    if (JSON.stringify(mapping).length > exports.MAPPING_LIMITS.maxBytes) {
        return [{ path: 'inputMapping', message: `inputMapping must be at most ${exports.MAPPING_LIMITS.maxBytes} bytes of JSON` }];
    }
    if (Object.keys(mapping).length > exports.MAPPING_LIMITS.maxFields) {
        return [{ path: 'inputMapping', message: `inputMapping must have at most ${exports.MAPPING_LIMITS.maxFields} fields` }];
    }
    walkForIssues(mapping, 'inputMapping', null, 0, issues);
    return issues;
}
function walkForIssues(value, path, key, depth, issues) {
    if (depth > exports.MAPPING_LIMITS.maxDepth) {
        issues.push({ path, message: `${path} is nested deeper than ${exports.MAPPING_LIMITS.maxDepth} levels` });
        return;
    }
    if (typeof value === 'string') {
        if (value.startsWith('$.')) {
            const problem = pathProblem(value);
            if (problem)
                issues.push({ path, message: `${path}: ${problem}` });
            return;
        }
        if (value.startsWith('$') && !value.startsWith('$$')) {
            issues.push({ path, message: `${path} must be a path ("$.payload.x") or, for a literal starting with $, written with $$` });
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
    if (key !== null && value !== null && (0, redact_1.isSensitiveKey)(key)) {
        issues.push({ path, message: `${path} looks like a secret; routes store no secret literals, map it from the event instead ("$.payload.${key}")` });
    }
}
function pathProblem(expression) {
    const segments = expression.slice(2).split('.');
    if (segments.some((s) => !SEGMENT.test(s)))
        return `"${expression}" is not a valid path (dot-separated names or indexes)`;
    const root = segments[0];
    if (!exports.EVENT_FIELDS.includes(root))
        return `"${expression}" must start with one of ${exports.EVENT_FIELDS.map((f) => `$.${f}`).join(', ')}`;
    if (segments.length > 1 && !OBJECT_ROOTS.has(root))
        return `"${expression}": $.${root} has no nested fields`;
    return null;
}
/** Builds the action payload; paths read the raw (unredacted) event, literals are deep-copied. */
function applyInputMapping(mapping, event) {
    const out = resolveValue(mapping, event);
    return isPlainObject(out) ? out : {};
}
function resolveValue(value, event) {
    if (typeof value === 'string') {
        if (value.startsWith('$.'))
            return lookup(event, value.slice(2).split('.'));
        if (value.startsWith('$$'))
            return value.slice(1);
        return value;
    }
    if (Array.isArray(value))
        return value.map((item) => resolveValue(item, event) ?? null);
    if (isPlainObject(value)) {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            if (FORBIDDEN_KEYS.has(k))
                continue;
            const resolved = resolveValue(v, event);
            if (resolved !== undefined)
                out[k] = resolved;
        }
        return out;
    }
    return value;
}
function lookup(root, segments) {
    let current = root;
    for (const segment of segments) {
        if (Array.isArray(current)) {
            if (!/^\d+$/.test(segment))
                return undefined;
            current = current[Number(segment)];
        }
        else if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
            current = current[segment];
        }
        else {
            return undefined;
        }
    }
    // A copy, so the payload never aliases the event objects.
    return current === undefined ? undefined : JSON.parse(JSON.stringify(current));
}
/** The reference payload (backend.md §4.14 step 5) used when a route has no mapping. */
function referencePayload(event, experimental) {
    return { busEvent: { ...event, experimental }, payload: event.payload };
}
//# sourceMappingURL=input-mapping.js.map