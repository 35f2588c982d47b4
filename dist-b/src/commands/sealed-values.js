"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ONE_TIME_TTL_MS = exports.ONE_TIME_FIELD = void 0;
exports.splitPayload = splitPayload;
exports.hasRedactedParts = hasRedactedParts;
exports.splitResultData = splitResultData;
exports.parseObject = parseObject;
const redact_1 = require("../common/redaction/redact");
/**
 * Splitting of secret-bearing values into a readable copy and a sealed remainder (decision 8).
 * Pure functions: the caller seals/opens with SecretSealer.
 */
/** The readable payload and, when anything had to be hidden, the full original to seal. */
function splitPayload(payload) {
    const readable = (0, redact_1.redact)(payload);
    // Value-based masking (token-looking strings) counts too: whatever the readable copy lost
    // must travel sealed, or the agent would receive `[REDACTED]` instead of the operator's input.
    const changed = JSON.stringify(readable) !== JSON.stringify(payload);
    return { readable, secret: changed ? payload : null };
}
/** True when a stored readable payload has hidden parts (so it cannot be replayed without its sealed copy). */
function hasRedactedParts(value, depth = 0) {
    if (depth > 32)
        return false;
    if (typeof value === 'string')
        return value.includes(redact_1.REDACTED);
    if (Array.isArray(value))
        return value.some((v) => hasRedactedParts(v, depth + 1));
    if (value !== null && typeof value === 'object')
        return Object.values(value).some((v) => hasRedactedParts(v, depth + 1));
    return false;
}
exports.ONE_TIME_FIELD = 'generatedKey';
exports.ONE_TIME_TTL_MS = 5 * 60 * 1000;
/**
 * One-time result fields (decision 9): top-level `generatedKey` when it is a non-empty string,
 * plus any top-level field named in `data.oneTimeFields`. Returns the readable (key-redacted)
 * data with those fields set to `[REDACTED]`, and the plaintext fields to seal, if any.
 */
function splitResultData(data) {
    const names = new Set();
    if (typeof data[exports.ONE_TIME_FIELD] === 'string' && data[exports.ONE_TIME_FIELD] !== '')
        names.add(exports.ONE_TIME_FIELD);
    if (Array.isArray(data.oneTimeFields)) {
        for (const name of data.oneTimeFields) {
            if (typeof name === 'string' && name !== 'oneTimeFields' && data[name] !== undefined && data[name] !== null)
                names.add(name);
        }
    }
    const readable = (0, redact_1.redact)(data);
    if (names.size === 0)
        return { readable, oneTime: null };
    const oneTime = {};
    for (const name of names) {
        oneTime[name] = data[name];
        readable[name] = redact_1.REDACTED;
    }
    return { readable, oneTime };
}
function parseObject(json) {
    if (!json)
        return {};
    try {
        const value = JSON.parse(json);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=sealed-values.js.map