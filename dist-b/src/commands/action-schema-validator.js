"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateAgainstSchema = validateAgainstSchema;
exports.initialPayloadFromSchema = initialPayloadFromSchema;
/**
 * Validates an action payload against the supported JSON-Schema subset: `type` (string,
 * number, integer, boolean, array, object, null, or an array of them), `properties`,
 * `required`, `enum`, `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `items`,
 * `minItems`/`maxItems`. Unknown keywords are ignored (the UI-only ones such as `title` or
 * `format`), so agents may describe more than we check. Paths look like `payload.count`.
 */
function validateAgainstSchema(schema, value, path = 'payload') {
    const issues = [];
    check(asSchema(schema), value, path, issues, 0);
    return issues;
}
function asSchema(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function typeOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
}
function matchesType(expected, actual) {
    return expected === actual || (expected === 'number' && actual === 'integer');
}
function check(schema, value, path, issues, depth) {
    if (depth > 32)
        return;
    const actual = typeOf(value);
    const types = Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : typeof schema.type === 'string' ? [schema.type] : [];
    if (types.length > 0 && !types.some((t) => matchesType(t, actual))) {
        issues.push({ path, message: `${path} must be of type ${types.join(' or ')}` });
        return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) {
        issues.push({ path, message: `${path} must be one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}` });
    }
    if (typeof value === 'number')
        checkNumber(schema, value, path, issues);
    if (typeof value === 'string')
        checkString(schema, value, path, issues);
    if (Array.isArray(value))
        checkArray(schema, value, path, issues, depth);
    if (actual === 'object')
        checkObject(schema, value, path, issues, depth);
}
function checkNumber(schema, value, path, issues) {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
        issues.push({ path, message: `${path} must be >= ${schema.minimum}` });
    if (typeof schema.maximum === 'number' && value > schema.maximum)
        issues.push({ path, message: `${path} must be <= ${schema.maximum}` });
}
function checkString(schema, value, path, issues) {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
        issues.push({ path, message: `${path} must be at least ${schema.minLength} characters` });
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
        issues.push({ path, message: `${path} must be at most ${schema.maxLength} characters` });
    }
    if (typeof schema.pattern === 'string') {
        const regex = safeRegex(schema.pattern);
        if (regex && !regex.test(value))
            issues.push({ path, message: `${path} must match pattern ${schema.pattern}` });
    }
}
function checkArray(schema, value, path, issues, depth) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
        issues.push({ path, message: `${path} must have at least ${schema.minItems} items` });
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
        issues.push({ path, message: `${path} must have at most ${schema.maxItems} items` });
    if (schema.items !== undefined) {
        const items = asSchema(schema.items);
        value.forEach((item, i) => check(items, item, `${path}.${i}`, issues, depth + 1));
    }
}
function checkObject(schema, value, path, issues, depth) {
    if (Array.isArray(schema.required)) {
        for (const key of schema.required) {
            if (typeof key === 'string' && value[key] === undefined) {
                issues.push({ path: `${path}.${key}`, message: `${path}.${key} is required` });
            }
        }
    }
    const properties = asSchema(schema.properties);
    for (const [key, propSchema] of Object.entries(properties)) {
        if (value[key] === undefined)
            continue;
        check(asSchema(propSchema), value[key], `${path}.${key}`, issues, depth + 1);
    }
}
/** Agent-supplied patterns are compiled defensively; an invalid one is ignored rather than a 500. */
function safeRegex(pattern) {
    if (pattern.length > 512)
        return undefined;
    try {
        return new RegExp(pattern, 'u');
    }
    catch {
        return undefined;
    }
}
function deepEqual(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/**
 * REF's initial payload (backend.md §4.10 step 7): each property's `default`, else the zero
 * value of its type (`""` for anything else, including type arrays).
 */
function initialPayloadFromSchema(schema) {
    const properties = asSchema(asSchema(schema).properties);
    const out = {};
    for (const [key, raw] of Object.entries(properties)) {
        const prop = asSchema(raw);
        if (prop.default !== undefined)
            out[key] = prop.default;
        else if (prop.type === 'number' || prop.type === 'integer')
            out[key] = 0;
        else if (prop.type === 'boolean')
            out[key] = false;
        else if (prop.type === 'array')
            out[key] = [];
        else if (prop.type === 'object')
            out[key] = {};
        else
            out[key] = '';
    }
    return out;
}
//# sourceMappingURL=action-schema-validator.js.map