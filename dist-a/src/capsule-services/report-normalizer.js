"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizeConfig = normalizeConfig;
exports.normalizeAction = normalizeAction;
exports.normalizeReport = normalizeReport;
exports.canonicalJson = canonicalJson;
exports.normalizeHealth = normalizeHealth;
const redact_1 = require("../common/redaction/redact");
/** Sensitive items never keep a value (backend.md §2.2); `secretRef` is only a reference and stays. */
function normalizeConfig(c) {
    const sensitive = c.sensitive === true;
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
function normalizeAction(a) {
    const metadata = {};
    if (a.category !== undefined)
        metadata.category = a.category;
    if (a.order !== undefined)
        metadata.order = a.order;
    return {
        name: a.name,
        label: a.label,
        description: a.description ?? null,
        dangerLevel: a.dangerLevel ?? 'LOW',
        requiresConfirmation: a.requiresConfirmation === true,
        inputSchema: (0, redact_1.redact)(a.inputSchema ?? {}),
        resultSchema: (0, redact_1.redact)(a.resultSchema ?? a.outputSchema ?? {}),
        timeoutSeconds: a.timeoutSeconds ?? null,
        enabled: a.enabled !== false,
        hasPrepare: a.hasPrepare === true,
        metadata,
    };
}
function normalizeReport(dto) {
    const manifest = (0, redact_1.redact)(dto.manifest);
    const fromManifest = (key) => {
        const v = manifest[key];
        return Array.isArray(v) ? v : [];
    };
    return {
        name: dto.name,
        description: dto.description ?? null,
        version: dto.version ?? null,
        runtime: dto.runtime ?? null,
        manifest,
        capabilities: dto.capabilities ? (0, redact_1.redact)(dto.capabilities) : fromManifest('capabilities'),
        events: dto.events ? (0, redact_1.redact)(dto.events) : fromManifest('events'),
        configs: (dto.configs ?? []).map(normalizeConfig),
        actions: (dto.actions ?? []).map(normalizeAction),
    };
}
/** Key-sorted JSON so the fingerprint does not depend on property order. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
/** Health message and details as stored: details key-redacted, token-looking text masked. */
function normalizeHealth(h) {
    return { status: h.status, message: h.message === undefined ? null : (0, redact_1.redactString)(h.message), details: (0, redact_1.redact)(h.details ?? {}) };
}
//# sourceMappingURL=report-normalizer.js.map