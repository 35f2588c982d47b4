"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDACTED = void 0;
exports.isSensitiveKey = isSensitiveKey;
exports.redactString = redactString;
exports.redact = redact;
exports.sensitivePaths = sensitivePaths;
/**
 * One redaction policy for logs, audit metadata, stored payloads and error details
 * (backend.md §10.3 as amended by decisions: key- and value-based, numeric counters kept).
 */
exports.REDACTED = '[REDACTED]';
const SENSITIVE_KEY = /(pass(word|wd|phrase)?|secret|token|cookie|authorization|api[-_]?key|private[-_]?key|credential|generated[-_]?key|raw[-_]?key|plain[-_]?text[-_]?key|session[-_]?id|signature)/i;
/** Keys that name a sensitive thing but hold harmless metadata about it (e.g. `tokenCount`). */
const METADATA_SUFFIX = /(count|total|ttl|seconds|expires(at)?|length|size|max|min|id|ids|prefix|type|status|name|ref)$/i;
/** Timestamps about a secret (`credentialsRotatedAt`, `password_changed_at`) are not the secret. */
const TIMESTAMP_SUFFIX = /(At|_at|_AT)$/;
const OPSTAGE_TOKEN = /opstage_([a-z]+)_[A-Za-z0-9_-]{8,}/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** A number under a plural key (`revokedTokens: 1`) is a count, not a secret (backend.md §10.3). */
function isCounter(key, value) {
    return typeof value === 'number' && /s$/.test(key);
}
function isSensitiveKey(key) {
    return SENSITIVE_KEY.test(key) && !METADATA_SUFFIX.test(key) && !TIMESTAMP_SUFFIX.test(key);
}
/** Masks token-looking substrings in free text; the whole token body goes, not just a tail. */
function redactString(text) {
    return text.replace(OPSTAGE_TOKEN, (_m, kind) => `opstage_${kind}_${exports.REDACTED}`).replace(BEARER, `$1 ${exports.REDACTED}`);
}
/**
 * Deep copy with sensitive keys replaced by `[REDACTED]` and token-looking string values masked.
 * Numbers and booleans under metadata-like keys survive, so `tokenCount: 3` stays readable.
 */
function redact(value, depth = 0) {
    return redactAny(value, depth);
}
function redactAny(value, depth) {
    if (depth > 32)
        return exports.REDACTED;
    if (typeof value === 'string')
        return redactString(value);
    if (Array.isArray(value))
        return value.map((v) => redactAny(v, depth + 1));
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = isSensitiveKey(k) && v !== null && v !== undefined && !isCounter(k, v) ? exports.REDACTED : redactAny(v, depth + 1);
        }
        return out;
    }
    return value;
}
/** Names of top-level and nested fields that `redact` would hide; used to decide what to seal. */
function sensitivePaths(value, prefix = '') {
    if (value === null || typeof value !== 'object')
        return [];
    const paths = [];
    for (const [k, v] of Object.entries(value)) {
        const path = prefix ? `${prefix}.${k}` : k;
        if (isSensitiveKey(k) && v !== null && v !== undefined)
            paths.push(path);
        else
            paths.push(...sensitivePaths(v, path));
    }
    return paths;
}
//# sourceMappingURL=redact.js.map